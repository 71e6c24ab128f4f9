/**
 * A protocol-faithful OKX v5 simulator for one market (written from the venue doc §3, §6): candles on
 * `/ws/v5/business`, REST `candles`/`history-candles`/`instruments` on the same 127.0.0.1 port.
 * Every market's simulator lists the whole instrument table (SPOT, SWAP, FUTURES); `symbols` are the
 * live ones of its market: spot = SPOT, usdm = linear SWAP/FUTURES, coinm = inverse SWAP/FUTURES.
 */
import type { Candle, Interval, MarketType } from '@ohlcv/core';
import { CandleGenerator, type CandleGeneratorOptions } from '../sim/candle-generator';
import { FaultState } from '../sim/faults';
import { SimServer } from '../sim/sim-server';
import { type ClockMode, SimulatorClock } from '../sim/virtual-clock';
import type { VenueSimulator } from '../simulator-types';
import { OkxCandleFormat } from './okx-candle-format';
import { DEFAULT_OKX_INSTRUMENTS, marketOfInstrument, type OkxInstrument } from './okx-instruments';
import { type OkxRestLimits, registerOkxRest } from './okx-rest';
import { OkxWebSockets } from './okx-websocket';

export interface OkxSimulatorOptions {
  market: MarketType;
  /** Default manual. */
  clock?: ClockMode;
  /** Virtual ms at start (default 2026-01-01T00:00:00Z). */
  startTime?: number;
  /** Real ms without a frame pushed to a client before it is closed with 4004. Default 30 000 (the venue's rule). */
  idleTimeoutMs?: number;
  /** subscribe/unsubscribe/login requests per connection per hour before 60014. Default 480. */
  subscribeRequestsPerHour?: number;
  /** Virtual ms between open-candle pushes of a stream. Default 1 000 (the venue's fastest). */
  pushCadenceMs?: number;
  /** Rows `/market/candles` serves. Default 1 440. */
  recentCandleRows?: number;
  /** `limit` cap of `/market/candles`. Default 300. */
  candlesMaxLimit?: number;
  /** `limit` cap of `/market/history-candles`: 300 per the current doc, 100 per older docs and clients. Default 100. */
  historyCandlesMaxLimit?: number;
  /** First open time `history-candles` has (1s: always the last 90 days). Default 2018-01-01. */
  historyStart?: number;
  /** HTTP status of a 50011 rate-limit answer: OKX sends both. Default 429. */
  rateLimitStatus?: 200 | 429;
  /** REST request limits in real time (default the venue's: 40 / 20 / 20 per 2 s); `false` disables them. */
  restLimits?: OkxRestLimits | false;
  /** The instrument table. Default {@link DEFAULT_OKX_INSTRUMENTS}. */
  instruments?: readonly OkxInstrument[];
  generator?: CandleGeneratorOptions;
}

const DEFAULT_REST_LIMITS: OkxRestLimits = { candles: 40, historyCandles: 20, instruments: 20, perMs: 2_000 };

export async function startOkxSimulator(options: OkxSimulatorOptions): Promise<VenueSimulator> {
  const { market } = options;
  const instruments = options.instruments ?? DEFAULT_OKX_INSTRUMENTS;
  const symbols = instruments
    .filter((row) => row.instId !== '' && row.state === 'live' && marketOfInstrument(row) === market)
    .map((row) => row.instId);
  const clock = new SimulatorClock({
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.startTime === undefined ? {} : { startTime: options.startTime }),
  });
  const generator = new CandleGenerator(options.generator);
  const format = new OkxCandleFormat(generator);
  const server = await SimServer.start({ clock });
  let sockets: OkxWebSockets | undefined;
  const faults = new FaultState({
    dropConnections: () => sockets?.dropAll(),
    server,
    forgetSubscriptions: (connection) => sockets?.registry.removeConnection(connection),
    // Pushes stop; a re-subscribe is refused (60018) and the instruments list no longer has it.
    delist: (symbol) => generator.endTrading(symbol, clock.now()),
  });
  sockets = new OkxWebSockets({
    server,
    clock,
    generator,
    format,
    faults,
    instruments,
    options: {
      idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
      requestsPerHour: options.subscribeRequestsPerHour ?? 480,
      cadenceMs: options.pushCadenceMs ?? 1_000,
    },
  });
  registerOkxRest({
    server,
    clock,
    generator,
    format,
    faults,
    instruments,
    options: {
      recentRows: options.recentCandleRows ?? 1_440,
      candlesMaxLimit: options.candlesMaxLimit ?? 300,
      historyCandlesMaxLimit: options.historyCandlesMaxLimit ?? 100,
      historyStart: options.historyStart ?? Date.UTC(2018, 0, 1),
      rateLimitStatus: options.rateLimitStatus ?? 429,
      limits: options.restLimits ?? DEFAULT_REST_LIMITS,
    },
  });
  clock.addSettler(() => server.flushed());
  const registry = sockets.registry;
  const webSockets = sockets;

  return {
    exchange: 'okx',
    market,
    wsBase: server.wsBase,
    restBase: server.restBase,
    clock,
    faults,
    symbols,
    candleAt(symbol: string, interval: Interval, openTime: number): Candle | undefined {
      const state = generator.final(symbol, interval, openTime);
      if (!state) return undefined;
      // OKX has no trade count.
      const { trades: _trades, ...candle } = generator.toCandle(state, 'okx', market);
      return candle;
    },
    subscriptionCount: () => registry.subscriptionCount(),
    connectionCount: () => server.connectionCount(),
    restInFlight: () => server.restInFlight(),
    restRequestCount: (path?: string) => server.restRequestCount(path),
    async close() {
      webSockets.stop();
      clock.stop();
      await server.close();
    },
  };
}
