import { afterEach, describe, expect, it } from 'vitest';
import { EventRecorder, waitFor } from './test-support/event-recorder';
import { type Harness, MINUTE, startHarness } from './test-support/feed-harness';
import { advanceUntil, ManualClock } from './test-support/manual-clock';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('a venue unreachable when a subscription starts', () => {
  it('asks for its instrument list again until it answers; the subscription then streams', async () => {
    const clock = new ManualClock();
    harness = await startHarness({ feed: { clock, stallTimeoutMs: 3_600_000 } });
    const { venue, feed } = harness;
    venue.faults.httpErrors(503, 12); // more than one REST call's attempts, enough to open the circuit
    const recorder = new EventRecorder();
    const subscription = feed.subscribe('binance:spot:BTCUSDT:1m', { onEvent: recorder.onEvent });
    let ready = false;
    void subscription.ready.then(() => {
      ready = true;
    });
    await advanceUntil(clock, 1_000, () => ready || recorder.ofType('error').length > 0, 'ready or failed');
    expect(recorder.ofType('error')).toEqual([]);
    expect(venue.restRequestCount('/symbols')).toBeGreaterThan(12);
    await waitFor(() => venue.subscriptionCount() === 1, 'the upstream subscription');
    venue.advance(MINUTE);
    await recorder.until(() => recorder.closedCandles().length === 1, 'a candle');
  });
});
