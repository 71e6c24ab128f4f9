import { type Interval, type MarketType, parseMarketType } from '@ohlcv/core';
import type { ClockMode } from '../sim/virtual-clock';
import type { VenueSimulator } from '../simulator-types';
import { VENUE_SIMULATORS } from './venue-simulators';

/** What any venue's simulator can be asked when started by {@link startSimulatedVenue}. */
export interface SimulatedVenueOptions {
  /** Default `{ mode: 'manual' }`. */
  clock?: ClockMode;
  /** Virtual start time (ms). Default the testkit's `DEFAULT_START_TIME`. */
  startTime?: number;
  /** Virtual ms between open-candle pushes (each simulator's own cadence option). Default the venue's cadence. */
  pushCadenceMs?: number;
  /** Intervals without trades. Refused by a simulator that cannot play them. */
  quiet?: (symbol: string, interval: Interval, openTime: number) => boolean;
  /** Lift the simulator's REST rate limits (benchmarks measure the engine, not the venue's limit). */
  unlimitedRest?: boolean;
}

/** Starts one venue's simulator on `market`. Throws naming the venue when it cannot play that market or option. */
export type SimulatorStarter = (
  market: MarketType,
  options: SimulatedVenueOptions,
) => Promise<VenueSimulator>;

/** Simulators by the id of the adapter they play, e.g. `{ acme: startAcme }`. */
export type SimulatorRegistry = Readonly<Record<string, SimulatorStarter>>;

/**
 * Starts the simulator of `venue` (`exchange:market`, market aliases allowed, e.g. `gateio:linear`)
 * from `simulators` (keyed by adapter id; pass `{ ...VENUE_SIMULATORS, acme: startAcme }` for a venue of
 * your own). Throws an Error naming the venue and the simulators there are when none plays it.
 */
export function startSimulatedVenue(
  venue: string,
  options: SimulatedVenueOptions = {},
  simulators: SimulatorRegistry = VENUE_SIMULATORS,
): Promise<VenueSimulator> {
  const [exchange = '', marketName = '', ...rest] = venue.split(':');
  if (rest.length > 0 || !exchange || !marketName) {
    throw new Error(
      `simulated venue "${venue}": expected exchange:market, e.g. ${Object.keys(simulators)[0] ?? 'acme'}:spot`,
    );
  }
  const start = Object.hasOwn(simulators, exchange) ? simulators[exchange] : undefined;
  if (!start) {
    throw new Error(
      `no simulator for exchange "${exchange}" (in "${venue}"): simulators for ${Object.keys(simulators).join(', ') || 'no venue'}`,
    );
  }
  return start(parseMarketType(marketName), options);
}
