import type { Interval, MarketType, VenueAdapter } from '@ohlcv/core';
import type { VenueSimulator } from '../simulator-types';

export interface ConformanceSimulatorOptions {
  /**
   * The venue's heartbeat rule, shortened to this many real ms so the heartbeat test runs in seconds:
   * the simulator drops a client that shows no sign of life (no pong / no ping / no traffic, as the
   * venue does) for this long.
   */
  idleTimeoutMs: number;
  /**
   * Virtual ms between open-candle pushes, coarser than the venue's cadence (the chaos runs set it to
   * keep thousands of candles cheap). Undefined: the venue's cadence.
   */
  pushCadenceMs?: number;
  /** Set by the chaos runs: raise the simulator's real-time budgets (see `ChaosSimulatorOptions`). */
  generousRealTimeLimits?: boolean;
  /**
   * Intervals without trades: the venue has no candle for them, live or over REST. Set by the
   * quiet-candle test of venues that close candles by rollover; their simulator must honour it.
   */
  quiet?(symbol: string, interval: Interval, openTime: number): boolean;
}

export interface ConformanceOptions {
  adapter: VenueAdapter;
  markets: readonly MarketType[];
  /** Starts the venue's simulator for a market on manual virtual time. */
  startSimulator(market: MarketType, options: ConformanceSimulatorOptions): Promise<VenueSimulator>;
  /** A well-formed symbol the venue does not list. Default: `NOPE` + the simulator's first symbol. */
  unknownSymbol?(market: MarketType, simulator: VenueSimulator): string;
  /** Interval to test with. Default `1m`. */
  interval?: Interval;
}
