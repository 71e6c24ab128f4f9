import { afterEach, describe, expect, it } from 'vitest';
import { EventRecorder, waitFor } from './test-support/event-recorder';
import { expectConsecutive, type Harness, MINUTE, startHarness } from './test-support/feed-harness';
import { ManualClock } from './test-support/manual-clock';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const MAX_AGE_MS = 60 * 60_000;

describe('createFeed: connection age', () => {
  it('recycles a connection before the venue cut (maxConnectionAgeMs), losing and repeating no closed candle', async () => {
    const clock = new ManualClock();
    let opened = 0;
    harness = await startHarness({
      // Watchdog and stall detection far out, so only the age can recycle the connection.
      adapter: { spec: { ws: { maxConnectionAgeMs: MAX_AGE_MS, inactivityTimeoutMs: 10 * MAX_AGE_MS } } },
      feed: {
        clock,
        stallTimeoutMs: 10 * MAX_AGE_MS,
        backoff: { initialMs: 1, maxMs: 1 },
        observer: {
          connectionOpened: () => {
            opened += 1;
          },
        },
      },
    });
    const { venue, feed } = harness;
    const recorder = new EventRecorder();
    const subscription = feed.subscribe('binance:spot:BTCUSDT:1m', {
      closedOnly: true,
      onEvent: recorder.onEvent,
    });
    await subscription.ready;
    venue.advance(3 * MINUTE);
    await recorder.until(() => recorder.closedCandles().length >= 2, 'first closed candles');
    expect(opened).toBe(1);

    clock.advance(MAX_AGE_MS);
    await waitFor(() => {
      clock.advance(1); // lets the 1 ms reconnect backoff elapse
      return opened === 2 && venue.connectionCount() === 1 && venue.subscriptionCount() === 1;
    }, 'a fresh connection with the stream re-subscribed');

    const before = recorder.closedCandles().length;
    venue.advance(3 * MINUTE);
    await recorder.until(
      () => recorder.closedCandles().length >= before + 3,
      'closed candles after the recycle',
    );
    expectConsecutive(recorder.closedCandles());
  });
});
