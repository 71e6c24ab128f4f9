import {
  type Candle,
  createFeed,
  type Feed,
  type FeedEvent,
  type Interval,
  type MarketType,
} from '@ohlcv/core';
import { DEFAULT_START_TIME, startGateioSimulator, type VenueSimulator } from '@ohlcv/testkit';
import { engineClockOf } from '@ohlcv/testkit/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import { gateio } from './index';

const MINUTE = 60_000;
const S = DEFAULT_START_TIME;
/** The adapter's grace after a quiet candle's close before REST is asked (market-specs.ts). */
const GRACE_MS = 5_000;

interface Timed {
  event: FeedEvent;
  venueTime: number;
}

function closedOf(events: readonly Timed[]): Array<{ candle: Candle; venueTime: number }> {
  const out: Array<{ candle: Candle; venueTime: number }> = [];
  for (const { event, venueTime } of events) {
    if (event.type === 'candle' && event.candle.closed) out.push({ candle: event.candle, venueTime });
  }
  return out;
}

/** Advances virtual time in small steps, giving sockets real time to deliver, until `done()` or `until`. */
async function drive(simulator: VenueSimulator, until: number, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (simulator.clock.now() < until && !done()) {
    if (Date.now() > deadline) throw new Error('drive: out of real time');
    await simulator.clock.advance(1_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** BTC_USDT trades in [S, S+2m), is quiet for [S+2m, S+5m), trades again from S+5m. */
const quiet = (symbol: string, _interval: Interval, openTime: number): boolean =>
  symbol === 'BTC_USDT' && openTime >= S + 2 * MINUTE && openTime < S + 5 * MINUTE;

for (const market of ['spot', 'usdm'] as const satisfies readonly MarketType[]) {
  describe(`gateio ${market} through the engine: a quiet stream`, () => {
    let simulator: VenueSimulator | undefined;
    let feed: Feed | undefined;
    afterEach(async () => {
      await feed?.close();
      await simulator?.close();
      feed = undefined;
      simulator = undefined;
    });

    it('gets its last active candle closed shortly after its close, no candle for quiet intervals, then goes on in order', async () => {
      const sim = await startGateioSimulator({ market, quiet });
      simulator = sim;
      feed = createFeed({
        adapters: [gateio],
        endpoints: { gateio: { [market]: { ws: sim.wsBase, rest: sim.restBase } } },
        clock: engineClockOf(sim),
        backoff: { initialMs: 20, maxMs: 200 },
      });
      const events: Timed[] = [];
      feed.subscribe(`gateio:${market}:BTC_USDT:1m`, {
        onEvent: (event) => events.push({ event, venueTime: sim.clock.now() }),
      });
      const closedAt = (openTime: number) =>
        closedOf(events).find(({ candle }) => candle.openTime === openTime);

      await drive(sim, S + 5 * MINUTE - 1_000, () => closedAt(S + MINUTE) !== undefined);
      const lastActive = closedAt(S + MINUTE);
      expect(lastActive, 'the last active candle was emitted closed before trades resumed').toBeDefined();
      expect(lastActive?.venueTime).toBeGreaterThan(S + 2 * MINUTE - 1);
      expect(lastActive?.venueTime, 'shortly after its close + grace').toBeLessThanOrEqual(
        S + 2 * MINUTE + GRACE_MS + 3_000,
      );

      await drive(sim, S + 8 * MINUTE, () => closedAt(S + 6 * MINUTE) !== undefined);
      const closed = closedOf(events);
      expect(closed.map(({ candle }) => (candle.openTime - S) / MINUTE)).toEqual([0, 1, 5, 6]);
      for (const { candle, venueTime } of closed) {
        expect(
          venueTime,
          `${new Date(candle.openTime).toISOString()} emitted after its close`,
        ).toBeGreaterThan(candle.closeTime);
        const expected = sim.candleAt('BTC_USDT', '1m', candle.openTime);
        expect(expected).toBeDefined();
        for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
          expect(candle[field], field).toBeCloseTo(expected?.[field] ?? Number.NaN, 6);
        }
      }
      const kinds = events.map(({ event }) => event.type);
      expect(kinds.filter((kind) => kind === 'gap' || kind === 'error')).toEqual([]);
      for (const { event } of events) {
        if (event.type === 'candle') expect(quiet('BTC_USDT', '1m', event.candle.openTime)).toBe(false);
      }
    });
  });
}
