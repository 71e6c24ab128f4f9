import type { MarketType } from '@ohlcv/core';
import { CandleGenerator, type CandleGeneratorOptions } from '../sim/candle-generator';
import { FaultState } from '../sim/faults';
import { type SimConnection, SimServer } from '../sim/sim-server';
import { StreamRegistry } from '../sim/stream-registry';
import { type ClockMode, SimulatorClock } from '../sim/virtual-clock';
import type { VenueSimulator } from '../simulator-types';
import { venueCandle } from './bybit-candle-values';
import { encodeKlinePush, malformedKlineFrame } from './bybit-frames';
import {
  type BybitCategory,
  type BybitInstrument,
  CATEGORIES,
  CATEGORY_OF_MARKET,
  DEFAULT_INVERSE_SYMBOLS,
  DEFAULT_LINEAR_SYMBOLS,
  DEFAULT_SPOT_SYMBOLS,
  instrumentOf,
} from './bybit-instruments';
import { hasInterval } from './bybit-intervals';
import { registerBybitRest } from './bybit-rest';
import { BybitIpLimit, BybitVisitsLimit } from './bybit-rest-limits';
import { type BybitRegistry, type BybitWsContext, serveBybitSocket } from './bybit-ws';

export interface BybitSimulatorOptions {
  /** Which market `symbols`, `candleAt` and the defaults describe; all three category paths are served regardless. */
  market: MarketType;
  clock?: ClockMode;
  /** Virtual start time (ms). */
  startTime?: number;
  spotSymbols?: readonly string[];
  linearSymbols?: readonly string[];
  inverseSymbols?: readonly string[];
  /**
   * Symbols of this market that `instruments-info` still lists but the socket refuses with
   * `Invalid symbol :[topic]`, as a symbol delisted after a client fetched the list. Like Bybit, the
   * whole subscribe frame carrying one of them is refused. Not in `symbols`. Default: none.
   */
  delistedSymbols?: readonly string[];
  basePrice?: CandleGeneratorOptions['basePrice'];
  /** Intervals without trades (no candle). Default: none (Bybit keeps a candle for every interval). */
  quiet?: CandleGeneratorOptions['quiet'];
  /** Virtual ms between open-candle pushes (Bybit: 1–60 s). Default 1,000. */
  cadenceMs?: number;
  /** Real ms with neither a client ping nor server data before the socket is cut (Bybit states 10 min). Default 600,000. */
  idleTimeoutMs?: number;
  /** Topic characters per connection (Bybit: 21,000). */
  maxArgCharsPerConnection?: number;
  /** REST IP limit, real time (Bybit: 600 per 5 s); a breach answers 403 "access too frequent". */
  ipRateLimit?: { requests: number; windowMs: number };
  /** Real ms an IP stays banned after a breach (Bybit: about 10 minutes). */
  ipBanMs?: number;
  /** Optional per-endpoint limit answered with retCode 10006 "Too many visits!" (off by default). */
  visitsLimit?: { requests: number; windowMs: number };
}

/** Bybit v5 simulator: `/v5/public/{spot|linear|inverse}`, `/v5/market/kline`, `/v5/market/instruments-info`. */
export async function startBybitSimulator(options: BybitSimulatorOptions): Promise<VenueSimulator> {
  const own = CATEGORY_OF_MARKET[options.market];
  if (own === undefined) throw new Error(`bybit simulator: unknown market "${String(options.market)}"`);
  const clock = new SimulatorClock({ clock: options.clock, startTime: options.startTime });
  const generator = new CandleGenerator({ basePrice: options.basePrice, quiet: options.quiet });
  const lists: Record<BybitCategory, readonly string[]> = {
    spot: options.spotSymbols ?? DEFAULT_SPOT_SYMBOLS,
    linear: options.linearSymbols ?? DEFAULT_LINEAR_SYMBOLS,
    inverse: options.inverseSymbols ?? DEFAULT_INVERSE_SYMBOLS,
  };
  const instruments = {} as Record<BybitCategory, BybitInstrument[]>;
  const symbols = {} as Record<BybitCategory, ReadonlySet<string>>;
  for (const category of CATEGORIES) {
    instruments[category] = lists[category].map((symbol) => instrumentOf(category, symbol));
    symbols[category] = new Set(lists[category]);
  }
  for (const symbol of options.delistedSymbols ?? []) instruments[own].push(instrumentOf(own, symbol));

  const server = await SimServer.start({ clock });
  clock.addSettler(() => server.flushed());
  const faults = new FaultState({
    dropConnections: () => {
      for (const connection of server.connections) connection.drop();
    },
    // Pushes stop; a re-subscribe fails its whole frame (`Invalid symbol`); instruments-info drops it.
    server,
    forgetSubscriptions: (connection) => {
      for (const registry of Object.values(registries)) registry.removeConnection(connection);
    },
    delist: (symbol) => generator.endTrading(symbol, clock.now()),
  });
  const idleTimers = new Map<SimConnection, { touch(): void }>();
  const cadenceMs = options.cadenceMs ?? 1_000;
  const registryFor = (category: BybitCategory): BybitRegistry =>
    new StreamRegistry<string>({
      clock,
      generator,
      faults,
      cadenceMs: () => cadenceMs,
      encode: (push) => encodeKlinePush(category, push, generator),
      send: (connection, _topic, encoded) => {
        connection.send(encoded);
        idleTimers.get(connection)?.touch();
      },
      malformed: malformedKlineFrame,
    });
  const registries: Record<BybitCategory, BybitRegistry> = {
    spot: registryFor('spot'),
    linear: registryFor('linear'),
    inverse: registryFor('inverse'),
  };

  const wsContext: BybitWsContext = {
    faults,
    generator,
    registries,
    symbols,
    idleTimeoutMs: options.idleTimeoutMs ?? 600_000,
    maxArgCharsPerConnection: options.maxArgCharsPerConnection ?? 21_000,
    idleTimers,
  };
  const paths: Record<string, BybitCategory> = {
    '/v5/public/spot': 'spot',
    '/v5/public/linear': 'linear',
    '/v5/public/inverse': 'inverse',
  };
  server.ws(
    (url) => url.pathname in paths,
    (connection, url) => serveBybitSocket(wsContext, paths[url.pathname]!, connection),
  );

  const ipRateLimit = options.ipRateLimit ?? { requests: 600, windowMs: 5_000 };
  registerBybitRest(server, {
    clock,
    generator,
    faults,
    instruments,
    ipLimit: new BybitIpLimit(ipRateLimit.requests, ipRateLimit.windowMs, options.ipBanMs ?? 600_000),
    visitsLimit: options.visitsLimit
      ? new BybitVisitsLimit(options.visitsLimit.requests, options.visitsLimit.windowMs)
      : undefined,
  });

  return {
    exchange: 'bybit',
    market: options.market,
    wsBase: server.wsBase,
    restBase: server.restBase,
    clock,
    faults,
    symbols: [...lists[own]],
    candleAt(symbol, interval, openTime) {
      if (!symbols[own].has(symbol) || !hasInterval(interval)) return undefined;
      const state = generator.final(symbol, interval, openTime);
      return state ? venueCandle(own, options.market, state, generator) : undefined;
    },
    subscriptionCount: () =>
      registries.spot.subscriptionCount() +
      registries.linear.subscriptionCount() +
      registries.inverse.subscriptionCount(),
    connectionCount: () => server.connectionCount(),
    restInFlight: () => server.restInFlight(),
    restRequestCount: (path) => server.restRequestCount(path),
    async close() {
      clock.stop();
      await server.close();
    },
  };
}
