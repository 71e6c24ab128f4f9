import { afterEach, describe, expect, it } from 'vitest';
import { EventRecorder } from './test-support/event-recorder';
import { type Harness, MINUTE, startHarness } from './test-support/feed-harness';
import { ManualClock } from './test-support/manual-clock';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const VENUE_START = Date.UTC(2024, 0, 1, 0, 0, 30);
const CADENCE_MS = 1_000;

/**
 * A rollover venue whose open updates carry partial values and whose ending candles get one final
 * (unflagged) push: a candle closed from anything but that final push has wrong values. The
 * engine's clock stands still unless a test moves it (a silence).
 */
async function setUp() {
  const clock = new ManualClock(VENUE_START);
  harness = await startHarness({
    venue: { closeDetection: 'rollover', partialOpen: true, startTime: VENUE_START },
    adapter: {
      spec: {
        ws: { inactivityTimeoutMs: 3_600_000 },
        candles: { closeDetection: 'rollover', pushCadenceMs: CADENCE_MS, closeGraceMs: 5_000 },
      },
    },
    feed: { clock, stallTimeoutMs: 3_600_000 },
  });
  const { venue, feed } = harness;
  const recorder = new EventRecorder();
  const subscription = feed.subscribe('binance:spot:BTCUSDT:1m', {
    closedOnly: true,
    onEvent: recorder.onEvent,
  });
  await subscription.ready;
  venue.advance(MINUTE); // final push of 00:00, first update of 00:01, at the same moment
  await recorder.until(() => recorder.closedCandles().length === 1, 'the first closed candle');
  const closedAt = (openTime: number) =>
    recorder.until(
      () => recorder.closedCandles().some((candle) => candle.openTime === openTime),
      `the candle opening at ${new Date(openTime).toISOString()}`,
    );
  /** Each closed candle has the venue's final values; returns the sources, in order. */
  const sources = () => {
    for (const event of recorder.ofType('candle')) {
      const final = venue.candleAt('BTCUSDT', '1m', event.candle.openTime);
      expect({ close: event.candle.close, volume: event.candle.volume }).toEqual({
        close: final.close,
        volume: final.volume,
      });
    }
    return recorder.ofType('candle').map((event) => event.source);
  };
  return { clock, venue, recorder, closedAt, sources, first: Date.UTC(2024, 0, 1, 0, 0) };
}

describe('rollover close: only a known-final state is closed from live data', () => {
  it('closes from live data when the final push arrived and the next candle followed at once', async () => {
    const { venue, closedAt, sources, first } = await setUp();
    venue.advance(MINUTE);
    await closedAt(first + MINUTE);
    expect(sources()).toEqual(['live', 'live']);
    expect(venue.restRequestCount('/candles')).toBe(0);
  });

  it('confirms over REST when the final push was missed in a silence longer than the push cadence', async () => {
    const { clock, venue, closedAt, sources, first } = await setUp();
    clock.advance(2 * CADENCE_MS);
    venue.faults.skipPushes(1); // the final push of 00:01
    venue.advance(MINUTE);
    await closedAt(first + MINUTE);
    expect(sources()).toEqual(['live', 'rest']);
  });

  it('confirms over REST after a garbled frame, even with no silence', async () => {
    const { venue, closedAt, sources, first } = await setUp();
    venue.faults.sendGarbage();
    venue.faults.skipPushes(1);
    venue.advance(MINUTE);
    await closedAt(first + MINUTE);
    expect(sources()).toEqual(['live', 'rest']);
  });

  it('confirms over REST when the next candle seen is not the direct successor', async () => {
    const { venue, closedAt, sources, first } = await setUp();
    venue.faults.skipPushes(2); // the finals of 00:01 and 00:02; 00:03 starts
    venue.advance(2 * MINUTE);
    await closedAt(first + 2 * MINUTE);
    expect(sources()).toEqual(['live', 'rest', 'rest']);
  });
});
