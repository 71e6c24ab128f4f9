/**
 * The Binance simulator: spot, USDⓈ-M or COIN-M market streams and REST on one local port, written from
 * the venue doc (§1 and §6), on virtual time.
 */
import type { Candle, Interval, MarketType } from '@ohlcv/core';
import { CandleGenerator } from '../sim/candle-generator';
import { FaultState } from '../sim/faults';
import { SimServer } from '../sim/sim-server';
import { StreamRegistry } from '../sim/stream-registry';
import { type ClockMode, DEFAULT_START_TIME, SimulatorClock } from '../sim/virtual-clock';
import type { VenueSimulator } from '../simulator-types';
import { BinanceKlineFormat } from './binance-kline-format';
import { BINANCE_MARKETS, type BinanceMarket, binanceSymbolParts } from './binance-markets';
import { registerBinanceRest } from './binance-rest';
import { BinanceWsSession } from './binance-ws-session';

export interface BinanceSimulatorOptions {
  market: BinanceMarket;
  /** Default `{ mode: 'manual' }`. */
  clock?: ClockMode;
  /** Virtual start time (ms). Default 2026-01-01T00:00:00Z. */
  startTime?: number;
  /** Listed symbols. Default spot/usdm `BTCUSDT, ETHUSDT, …`, coinm `BTCUSD_PERP, ETHUSD_PERP`. */
  symbols?: string[];
  /** Real ms between server ping frames. Default spot 20 000, futures 180 000. */
  pingIntervalMs?: number;
  /** Real ms without a pong before the client is dropped. Default spot 60 000, futures 600 000. */
  pongTimeoutMs?: number;
  /** Candles per interval that exist before `startTime` (REST history). Default 50 000. */
  restHistoryCandles?: number;
  /**
   * Virtual ms between open-candle updates, to keep large manual advances cheap. Default the venue
   * cadence (spot 2 000, spot `1s` 1 000, futures 250). Candle boundaries are always pushed.
   */
  pushIntervalMs?: number;
  /** REST request weight per UTC minute. Default spot 6 000, futures 2 400. */
  restWeightPerMinute?: number;
  /** Incoming messages per second (real time) before close 1008. Default spot 5, futures 10. */
  messagesPerSecond?: number;
}

/** A running Binance simulator: `VenueSimulator` plus Binance-only controls. */
export interface BinanceSimulator extends VenueSimulator {
  /** Sends `serverShutdown` to every connection (raw, or wrapped as stream `!serverShutdown`). */
  sendServerShutdown(): void;
}

export async function startBinanceSimulator(options: BinanceSimulatorOptions): Promise<BinanceSimulator> {
  const config = BINANCE_MARKETS[options.market];
  if (!config)
    throw new Error(`unknown Binance market "${String(options.market)}": expected spot, usdm or coinm`);
  const symbols = (options.symbols ?? config.defaultSymbols).map((symbol) => symbol.toUpperCase());
  for (const symbol of symbols) binanceSymbolParts(config.market, symbol);
  const startTime = options.startTime ?? DEFAULT_START_TIME;
  const clock = new SimulatorClock({ clock: options.clock ?? { mode: 'manual' }, startTime });
  const generator = new CandleGenerator();
  const format = new BinanceKlineFormat(config.market, generator);
  const server = await SimServer.start({ clock });
  clock.addSettler(() => server.flushed());
  const sessions = new Map<number, BinanceWsSession>();
  const faults = new FaultState({
    dropConnections: () => {
      for (const connection of server.connections) connection.drop();
    },
    server,
    forgetSubscriptions: (connection) => registry.removeConnection(connection),
    // Binance acks a delisted stream and sends nothing; exchangeInfo no longer lists it.
    delist: (symbol) => generator.endTrading(symbol, clock.now()),
  });
  const pushIntervalMs = options.pushIntervalMs;
  const registry = new StreamRegistry<string>({
    clock,
    generator,
    faults,
    cadenceMs: (stream) => pushIntervalMs ?? config.pushCadenceMs(stream.interval),
    encode: (push) => format.event(push.state, push.final, push.eventTime),
    send: (connection, topic, raw) => {
      const session = sessions.get(connection.id);
      connection.send(session?.combined ? `{"stream":${JSON.stringify(topic)},"data":${raw}}` : raw);
    },
    malformed: (push, index) =>
      index % 2 === 0
        ? `{"e":"kline","E":${push.eventTime},"s":"${push.stream.symbol}","k":{"t":`
        : JSON.stringify({ e: 'kline', E: push.eventTime, s: push.stream.symbol, k: 'malformed' }),
  });

  const context = {
    config,
    clock,
    faults,
    registry,
    symbols,
    pingIntervalMs: options.pingIntervalMs ?? config.pingIntervalMs,
    pongTimeoutMs: options.pongTimeoutMs ?? config.pongTimeoutMs,
    messagesPerSecond: options.messagesPerSecond ?? config.messagesPerSecond,
  };
  server.ws(
    (url) => parseStreamPath(config.market, url) !== undefined,
    (connection, url) => {
      const path = parseStreamPath(config.market, url)!;
      const session = new BinanceWsSession(connection, context, path.routed, path.combined, path.streams);
      sessions.set(connection.id, session);
      connection.socket.once('close', () => sessions.delete(connection.id));
    },
  );
  registerBinanceRest(server, {
    config,
    clock,
    generator,
    faults,
    format,
    symbols,
    startTime,
    historyCandles: options.restHistoryCandles ?? 50_000,
    weightPerMinute: options.restWeightPerMinute ?? config.weightPerMinute,
  });

  const market: MarketType = config.market;
  return {
    exchange: 'binance',
    market,
    wsBase: server.wsBase,
    restBase: server.restBase,
    clock,
    faults,
    symbols,
    candleAt(symbol: string, interval: Interval, openTime: number): Candle | undefined {
      if (!symbols.includes(symbol) || !config.intervals.includes(interval)) return undefined;
      const state = generator.final(symbol, interval, openTime);
      return state ? format.candle(state) : undefined;
    },
    subscriptionCount: () => registry.subscriptionCount(),
    connectionCount: () => server.connectionCount(),
    restInFlight: () => server.restInFlight(),
    restRequestCount: (path?: string) => server.restRequestCount(path),
    sendServerShutdown() {
      if (faults.silenced) return;
      const raw = JSON.stringify({ e: 'serverShutdown', E: clock.now() });
      for (const connection of server.connections) {
        const combined = sessions.get(connection.id)?.combined ?? false;
        connection.send(combined ? `{"stream":"!serverShutdown","data":${raw}}` : raw);
      }
    },
    async close() {
      clock.stop();
      await server.close();
    },
  };
}

interface StreamPath {
  /** USDⓈ-M: true only under `/market`; always true elsewhere. */
  routed: boolean;
  combined: boolean;
  streams: string[];
}

/**
 * `/ws`, `/ws/<s1>/<s2>`, `/stream`, `/stream?streams=<s1>/<s2>`; USDⓈ-M also under `/market`, `/public`,
 * `/private` (only `/market` delivers klines). `undefined` for any other path.
 */
function parseStreamPath(market: BinanceMarket, url: URL): StreamPath | undefined {
  let path = url.pathname;
  let routed = true;
  if (market === 'usdm') {
    const route = /^\/(market|public|private)(?=\/)/.exec(path);
    routed = route?.[1] === 'market';
    if (route) path = path.slice(route[0].length);
  }
  const match = /^\/(ws|stream)(?:\/(.*))?$/.exec(path);
  if (!match) return undefined;
  const combined = match[1] === 'stream';
  const fromPath = match[2] ?? '';
  const fromQuery = combined ? (url.searchParams.get('streams') ?? '') : '';
  const streams = `${fromPath}/${fromQuery}`.split('/').filter((name) => name.length > 0);
  return { routed, combined, streams };
}
