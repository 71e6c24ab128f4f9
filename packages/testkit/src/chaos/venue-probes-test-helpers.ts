/**
 * One raw-protocol probe per venue simulator (spot, 1m, its first symbol), so a fault test can run on
 * every venue: how to connect, subscribe, recognise a kline push, send the venue's ping, ask REST.
 */
import { startBinanceSimulator } from '../binance/binance-simulator';
import { startBybitSimulator } from '../bybit/bybit-simulator';
import { startGateioSimulator } from '../gateio/gateio-simulator';
import { startHyperliquidSimulator } from '../hyperliquid/hyperliquid-simulator';
import { startOkxSimulator } from '../okx/okx-simulator';
import type { TestClient } from '../sim/test-client';
import type { VenueSimulator } from '../simulator-types';

export interface VenueProbe {
  name: string;
  start(): Promise<VenueSimulator>;
  wsPath: string;
  subscribe(symbol: string, now: number): string;
  /** True for a kline push of `symbol`. */
  isPush(frame: string, symbol: string): boolean;
  /** Sends the venue's keep-alive and resolves true when it is answered within `timeoutMs`. */
  ping(client: TestClient, timeoutMs: number): Promise<boolean>;
  /** A cheap REST request to the venue. */
  rest(sim: VenueSimulator, signal?: AbortSignal): Promise<Response>;
}

async function answered(promise: Promise<unknown>): Promise<boolean> {
  try {
    await promise;
    return true;
  } catch {
    return false;
  }
}

function appPing(frame: string, pong: (reply: string) => boolean) {
  return (client: TestClient, timeoutMs: number): Promise<boolean> => {
    const from = client.frames.length;
    client.send(frame);
    return answered(client.next(pong, { fromIndex: from, timeoutMs }));
  };
}

export const VENUE_PROBES: readonly VenueProbe[] = [
  {
    name: 'binance',
    start: () => startBinanceSimulator({ market: 'spot' }),
    wsPath: '/ws',
    subscribe: (symbol) =>
      JSON.stringify({ method: 'SUBSCRIBE', params: [`${symbol.toLowerCase()}@kline_1m`], id: 1 }),
    isPush: (frame, symbol) => frame.includes('"e":"kline"') && frame.includes(`"s":"${symbol}"`),
    // Binance answers protocol pings only.
    ping: (client, timeoutMs) =>
      answered(
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no pong')), timeoutMs);
          client.socket.once('pong', () => {
            clearTimeout(timer);
            resolve();
          });
          client.socket.ping();
        }),
      ),
    rest: (sim, signal) => fetch(`${sim.restBase}/api/v3/time`, signal ? { signal } : {}),
  },
  {
    name: 'okx',
    start: () => startOkxSimulator({ market: 'spot' }),
    wsPath: '/ws/v5/business',
    subscribe: (symbol) =>
      JSON.stringify({ op: 'subscribe', args: [{ channel: 'candle1m', instId: symbol }] }),
    isPush: (frame, symbol) => frame.includes(`"instId":"${symbol}"`) && frame.includes('"data"'),
    ping: appPing('ping', (reply) => reply === 'pong'),
    rest: (sim, signal) =>
      fetch(`${sim.restBase}/api/v5/public/instruments?instType=SPOT`, signal ? { signal } : {}),
  },
  {
    name: 'bybit',
    start: () => startBybitSimulator({ market: 'spot' }),
    wsPath: '/v5/public/spot',
    subscribe: (symbol) => JSON.stringify({ op: 'subscribe', args: [`kline.1.${symbol}`] }),
    isPush: (frame, symbol) => frame.includes(`"topic":"kline.1.${symbol}"`),
    ping: appPing('{"op":"ping"}', (reply) => reply.includes('"ret_msg":"pong"')),
    rest: (sim, signal) =>
      fetch(`${sim.restBase}/v5/market/instruments-info?category=spot`, signal ? { signal } : {}),
  },
  {
    name: 'gateio',
    start: () => startGateioSimulator({ market: 'spot' }),
    wsPath: '/ws/v4/',
    subscribe: (symbol, now) =>
      JSON.stringify({
        time: Math.floor(now / 1000),
        channel: 'spot.candlesticks',
        event: 'subscribe',
        payload: ['1m', symbol],
      }),
    isPush: (frame, symbol) => frame.includes('"event":"update"') && frame.includes(`1m_${symbol}`),
    ping: appPing('{"time":0,"channel":"spot.ping"}', (reply) => reply.includes('spot.pong')),
    rest: (sim, signal) => fetch(`${sim.restBase}/api/v4/spot/currency_pairs`, signal ? { signal } : {}),
  },
  {
    name: 'hyperliquid',
    start: () => startHyperliquidSimulator({ market: 'usdm' }),
    wsPath: '/ws',
    subscribe: (symbol) =>
      JSON.stringify({ method: 'subscribe', subscription: { type: 'candle', coin: symbol, interval: '1m' } }),
    isPush: (frame, symbol) => frame.includes('"channel":"candle"') && frame.includes(`"s":"${symbol}"`),
    ping: appPing('{"method":"ping"}', (reply) => reply.includes('"channel":"pong"')),
    rest: (sim, signal) =>
      fetch(`${sim.restBase}/info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"type":"meta"}',
        ...(signal ? { signal } : {}),
      }),
  },
];
