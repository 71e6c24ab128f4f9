import { heartbeatFrame } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { gateio } from './gateio-adapter';

describe('gateio adapter', () => {
  it('connects spot to /ws/v4/ and futures to one settle family per socket', () => {
    expect(gateio.connectUrl('spot', 'wss://api.gateio.ws', [])).toBe('wss://api.gateio.ws/ws/v4/');
    expect(gateio.connectUrl('usdm', 'wss://fx-ws.gateio.ws', [])).toBe('wss://fx-ws.gateio.ws/v4/ws/usdt');
    expect(gateio.connectUrl('coinm', 'ws://127.0.0.1:9000/', [])).toBe('ws://127.0.0.1:9000/v4/ws/btc');
    expect(gateio.connectUrl('spot', 'wss://ws-testnet.gate.com', [])).toBe(
      'wss://ws-testnet.gate.com/v4/ws/spot',
    );
    expect(gateio.connectUrl('usdm', 'wss://ws-testnet.gate.com', [])).toBe(
      'wss://ws-testnet.gate.com/v4/ws/futures/usdt',
    );
  });

  it('builds one [interval, pair] subscribe per frame with the engine time in seconds and an int32 id', () => {
    const now = 1_700_000_000_500;
    const stream = { symbol: 'BTC_USDT', interval: '1m' } as const;
    expect(JSON.parse(gateio.subscribe('spot', [stream], 42, now))).toEqual({
      time: 1_700_000_000,
      id: 42,
      channel: 'spot.candlesticks',
      event: 'subscribe',
      payload: ['1m', 'BTC_USDT'],
    });
    expect(JSON.parse(gateio.unsubscribe('usdm', [stream], 43, now))).toMatchObject({
      channel: 'futures.candlesticks',
      event: 'unsubscribe',
      payload: ['1m', 'BTC_USDT'],
    });
    expect(gateio.streamName('spot', stream)).toBe('1m_BTC_USDT');
    expect(() => gateio.subscribe('spot', [stream, stream], 1, now)).toThrow(/one stream/);
    expect(() => gateio.subscribe('spot', [stream], 2 ** 31, now)).toThrow(/int32/);
  });

  it('heartbeat: spot.ping / futures.ping every 10 s, stamped with the engine time', () => {
    const heartbeat = gateio.markets.spot!.ws.heartbeat!;
    expect(heartbeat.everyMs).toBe(10_000);
    expect(JSON.parse(heartbeatFrame(heartbeat, 1_700_000_000_000))).toEqual({
      time: 1_700_000_000,
      channel: 'spot.ping',
    });
    expect(JSON.parse(heartbeatFrame(heartbeat, 1_700_000_100_000)).time).toBe(1_700_000_100);
    expect(JSON.parse(heartbeatFrame(gateio.markets.coinm!.ws.heartbeat!, 0)).channel).toBe('futures.ping');
  });

  it('declares the venue facts the engine respects', () => {
    for (const market of ['spot', 'usdm', 'coinm'] as const) {
      const spec = gateio.markets[market]!;
      expect(spec.ws.maxStreamsPerRequest).toBe(1);
      expect(spec.ws.rejectScope).toBe('stream');
      expect(spec.candles).toMatchObject({ closeDetection: 'rollover', emptyIntervals: 'absent' });
      expect(spec.rest.historyDepth).toBe(10_000);
      expect(spec.intervals['1w']).toBeUndefined();
    }
    expect(gateio.markets.spot!.rest.maxCandlesPerRequest).toBe(1000);
    expect(gateio.markets.usdm!.rest.maxCandlesPerRequest).toBe(1999);
  });
});
