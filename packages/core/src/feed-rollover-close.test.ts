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

describe("rollover close: a candle without a closed flag is closed with REST's final values", () => {
  it('confirms over REST even after a clean final push: frames cannot tell it from a missed one', async () => {
    const { venue, closedAt, sources, first } = await setUp();
    venue.advance(MINUTE);
    await closedAt(first + MINUTE);
    expect(sources()).toEqual(['rest', 'rest']);
    expect(venue.restRequestCount('/candles')).toBe(2);
  });

  it('confirms over REST when the final push was missed in a silence longer than the push cadence', async () => {
    const { clock, venue, closedAt, sources, first } = await setUp();
    clock.advance(2 * CADENCE_MS);
    venue.faults.skipPushes(1); // the final push of 00:01
    venue.advance(MINUTE);
    await closedAt(first + MINUTE);
    expect(sources()).toEqual(['rest', 'rest']);
  });

  it('confirms over REST when the final push was missed with no silence (its arrival bunched with the next candle)', async () => {
    const { venue, closedAt, sources, first } = await setUp();
    venue.faults.skipPushes(1); // the final push of 00:01; 00:02's first update follows at once
    venue.advance(MINUTE);
    await closedAt(first + MINUTE);
    expect(sources()).toEqual(['rest', 'rest']);
  });

  it("confirms over REST when the final push comes after the next candle's first update (reordered)", async () => {
    const { venue, recorder, closedAt, sources, first } = await setUp();
    venue.faults.reorderPushes(1); // 00:01's final push arrives after 00:02's first update
    venue.advance(MINUTE);
    await closedAt(first + MINUTE);
    venue.advance(MINUTE);
    await closedAt(first + 2 * MINUTE);
    expect(sources()).toEqual(['rest', 'rest', 'rest']);
    expect(recorder.closedCandles().map((candle) => candle.openTime)).toEqual([
      first,
      first + MINUTE,
      first + 2 * MINUTE,
    ]);
  });

  it('confirms over REST after a garbled frame, even with no silence', async () => {
    const { venue, closedAt, sources, first } = await setUp();
    venue.faults.sendGarbage();
    venue.faults.skipPushes(1);
    venue.advance(MINUTE);
    await closedAt(first + MINUTE);
    expect(sources()).toEqual(['rest', 'rest']);
  });

  it('asks for every candle the stream rolled over, in order, when the next one seen is not the direct successor', async () => {
    const { venue, closedAt, sources, first } = await setUp();
    venue.faults.skipPushes(2); // the finals of 00:01 and 00:02; 00:03 starts
    venue.advance(2 * MINUTE);
    await closedAt(first + 2 * MINUTE);
    expect(sources()).toEqual(['rest', 'rest', 'rest']);
  });
});
