import { afterEach, describe, expect, it } from 'vitest';
import { EventRecorder } from './test-support/event-recorder';
import { expectConsecutive, type Harness, MINUTE, startHarness } from './test-support/feed-harness';
import { createToyAdapter } from './test-support/toy-adapter';
import type { VenueAdapter } from './venue-adapter';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/**
 * The toy adapter with a byte-level fast path that takes closed-candle frames only (and declines the
 * rest), counting which path each frame took.
 */
function countingAdapter() {
  const toy = createToyAdapter();
  const counts = { fast: 0, plain: 0, bytes: 0 };
  const adapter: VenueAdapter = {
    ...toy,
    parse(market, frame, instruments) {
      counts.plain += 1;
      return toy.parse(market, frame, instruments);
    },
    parseCandleFrame(market, frame, instruments) {
      const events = toy.parse(market, frame.toString(), instruments);
      const event = events[0];
      if (events.length !== 1 || event?.type !== 'candle' || !event.candle.closed) return undefined;
      counts.fast += 1;
      return event.candle;
    },
  };
  return { adapter, counts };
}

describe("an adapter's byte-level fast path (parseCandleFrame)", () => {
  it('delivers the candles it reads and leaves every frame it declines to parse()', async () => {
    const { adapter, counts } = countingAdapter();
    let frames = 0;
    harness = await startHarness({
      feed: {
        adapters: [adapter],
        observer: {
          frameReceived(_exchange, _market, bytes) {
            frames += 1;
            counts.bytes += bytes;
          },
        },
      },
    });
    const recorder = new EventRecorder();
    const subscription = harness.feed.subscribe('binance:spot:BTCUSDT:1m', { onEvent: recorder.onEvent });
    await subscription.ready;
    for (let minute = 0; minute < 5; minute++) harness.venue.advance(MINUTE);
    await recorder.until(() => recorder.closedCandles().length >= 5, 'five closed candles');
    const closed = recorder.closedCandles();
    expectConsecutive(closed);
    for (const candle of closed) {
      const final = harness.venue.candleAt('BTCUSDT', '1m', candle.openTime);
      expect(candle.close).toBe(final.close);
    }
    // Closed candles came through the fast path; open updates and the ack through parse().
    expect(counts.fast).toBeGreaterThanOrEqual(5);
    expect(counts.plain).toBeGreaterThan(0);
    expect(recorder.ofType('candle').some((event) => !event.candle.closed)).toBe(true);
    expect(frames).toBe(counts.fast + counts.plain);
    expect(counts.bytes).toBeGreaterThan(0);
  });
});
