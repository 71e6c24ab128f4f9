import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Consumer } from './consumer';
import type { FeedEvent } from './feed-types';
import { EventRecorder, waitFor } from './test-support/event-recorder';
import { type Harness, MINUTE, startHarness } from './test-support/feed-harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('StreamState: closedOnly consumers', () => {
  it('get no event for an open update while no consumer wants open updates; then they flow again', async () => {
    harness = await startHarness();
    const { venue, feed } = harness;
    const closedRecorder = new EventRecorder();
    const closedOnly = feed.subscribe('binance:spot:BTCUSDT:1m', {
      closedOnly: true,
      onEvent: closedRecorder.onEvent,
    }) as Consumer;
    const deliver = vi.spyOn(closedOnly, 'deliver');
    await waitFor(() => venue.subscriptionCount() === 1, 'the upstream subscription');
    await closedOnly.ready;
    for (let step = 0; step < 3; step++) venue.advance(MINUTE);
    await closedRecorder.until(() => closedRecorder.closedCandles().length >= 3, '3 closed candles');
    const delivered = deliver.mock.calls.map(([event]) => event as FeedEvent);
    expect(delivered.length).toBeGreaterThanOrEqual(3);
    expect(delivered.every((event) => event.type !== 'candle' || event.candle.closed)).toBe(true);

    const all = new EventRecorder();
    feed.subscribe('binance:spot:BTCUSDT:1m', { onEvent: all.onEvent });
    venue.advance(MINUTE);
    await all.until(() => all.ofType('candle').some((event) => !event.candle.closed), 'an open update');
    const later = deliver.mock.calls.slice(delivered.length).map(([event]) => event as FeedEvent);
    // With an every-update consumer attached, the closedOnly one is offered open updates and filters them.
    expect(later.some((event) => event.type === 'candle' && !event.candle.closed)).toBe(true);
    expect(closedRecorder.ofType('candle').every((event) => event.candle.closed)).toBe(true);
  });
});
