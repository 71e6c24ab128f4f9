import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from './candle';
import { EventRecorder } from './test-support/event-recorder';
import { expectConsecutive, type Harness, MINUTE, startHarness } from './test-support/feed-harness';
import { advanceUntil, ManualClock } from './test-support/manual-clock';
import type { ToyAdapterOptions } from './test-support/toy-adapter';
import type { ToyVenue } from './test-support/toy-venue-server';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Timers that would otherwise act while the engine's clock runs ahead of the venue's pushes. */
const QUIET_SPEC: NonNullable<ToyAdapterOptions['spec']> = { ws: { inactivityTimeoutMs: 3_600_000 } };

async function setUp(options: { emptyIntervals?: 'present' | 'absent' } = {}) {
  const clock = new ManualClock();
  harness = await startHarness({
    venue: { partialOpen: true },
    adapter: {
      spec: { ...QUIET_SPEC, candles: { emptyIntervals: options.emptyIntervals ?? 'present' } },
    },
    feed: { clock, stallTimeoutMs: 3_600_000, backoff: { initialMs: 100, maxMs: 2_000 } },
  });
  const recorder = new EventRecorder();
  const subscription = harness.feed.subscribe('binance:spot:BTCUSDT:1m', {
    closedOnly: true,
    onEvent: recorder.onEvent,
  });
  await subscription.ready;
  harness.venue.advance(MINUTE);
  await recorder.until(() => recorder.closedCandles().length >= 1, 'the first closed candle');
  return { clock, venue: harness.venue, recorder };
}

function expectFinal(venue: ToyVenue, candles: readonly Candle[]): void {
  for (const candle of candles) {
    const final = venue.candleAt(candle.symbol, candle.interval, candle.openTime);
    expect({ close: candle.close, volume: candle.volume }, `candle ${candle.openTime}`).toEqual({
      close: final.close,
      volume: final.volume,
    });
  }
}

describe('gap fill keeps trying while the venue has the range', () => {
  it('delivers every candle after a run of 503s (an open circuit waited out, not counted as attempts)', async () => {
    const { clock, venue, recorder } = await setUp();
    const first = recorder.closedCandles()[0]!.openTime;
    venue.faults.skipPushes(5);
    venue.faults.httpErrors(503, 12);
    for (let step = 0; step < 6; step++) venue.advance(MINUTE);
    const last = first + 6 * MINUTE;
    await advanceUntil(
      clock,
      5_000,
      () => recorder.closedCandles().some((candle) => candle.openTime === last),
      'every candle up to the newest closed one',
      20_000,
    );
    expect(recorder.ofType('gap')).toEqual([]);
    const closed = recorder.closedCandles();
    expectConsecutive(closed);
    expect(closed.map((candle) => candle.openTime)).toEqual(
      Array.from({ length: 7 }, (_, index) => first + index * MINUTE),
    );
    expectFinal(venue, closed);
    expect(venue.restRequestCount('/candles')).toBeGreaterThan(12);
  });

  it.each(['present', 'absent'] as const)(
    'asks a lagging REST again until it has the range closed: no partial values, no skip (empty intervals %s)',
    async (emptyIntervals) => {
      const { clock, venue, recorder } = await setUp({ emptyIntervals });
      const first = recorder.closedCandles()[0]!.openTime;
      // REST serves the market as of 90 s ago: the gap's last candle is missing, the one before open.
      venue.faults.restLag(90_000);
      venue.faults.skipPushes(11); // every push but the last open update

      for (let step = 0; step < 6; step++) venue.advance(MINUTE);
      const asked = venue.restRequestCount('/candles');
      await advanceUntil(
        clock,
        1_000,
        () => venue.restRequestCount('/candles') >= asked + 3,
        'REST asked again while it lags',
      );
      expect(recorder.closedCandles().filter((candle) => candle.openTime > first)).toEqual([]);
      venue.faults.restLag(0);
      const last = first + 6 * MINUTE;
      await advanceUntil(
        clock,
        1_000,
        () => recorder.closedCandles().some((candle) => candle.openTime === last),
        'the range once REST has it',
      );
      expect(recorder.ofType('gap')).toEqual([]);
      const closed = recorder.closedCandles();
      expectConsecutive(closed);
      expect(closed).toHaveLength(7);
      expectFinal(venue, closed);
    },
  );
});
