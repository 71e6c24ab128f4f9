/**
 * The five venues' simulators, started on demand on 127.0.0.1 with virtual time running fast, and the
 * `OHLCV_*_URL` variables that point a program written for the real venues at them.
 */
import type { MarketType } from '@ohlcv/core';
import { startSimulatedVenue, type VenueSimulator } from '@ohlcv/testkit';

/** `exchange:market`, e.g. `binance:spot`. */
export type VenueMarket = `${string}:${MarketType}`;

/** Simulated ms per real ms: a 1m candle closes every 100 ms. */
const SPEED = 600;
/** Virtual ms between open-candle pushes. */
const CADENCE_MS = 10_000;

function start(venue: VenueMarket, startTime: number): Promise<VenueSimulator> {
  return startSimulatedVenue(venue, {
    clock: { mode: 'auto', speed: SPEED },
    startTime,
    pushCadenceMs: CADENCE_MS,
  });
}

export class SimulatedVenues {
  readonly #running = new Map<VenueMarket, VenueSimulator>();
  /** Now, aligned to the day, so every interval's candles start on their boundaries. */
  readonly #startTime = Math.floor(Date.now() / 86_400_000) * 86_400_000;

  /** Starts the simulators of `venues` not yet running; returns the env pointing at all of them. */
  async env(venues: readonly VenueMarket[]): Promise<Record<string, string>> {
    for (const venue of venues) {
      if (!this.#running.has(venue)) this.#running.set(venue, await start(venue, this.#startTime));
    }
    const env: Record<string, string> = {};
    for (const [venue, simulator] of this.#running) {
      const prefix = `OHLCV_${venue.replace(':', '_').toUpperCase()}`;
      env[`${prefix}_WS_URL`] = simulator.wsBase;
      env[`${prefix}_REST_URL`] = simulator.restBase;
    }
    return env;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#running.values()].map((simulator) => simulator.close()));
    this.#running.clear();
  }
}
