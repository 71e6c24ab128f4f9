import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from './test-support/event-recorder';
import { type Harness, startHarness } from './test-support/feed-harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('venueMarketStatus (feed.status)', () => {
  it("counts the venue market's connections and lists each stream with its consumers", async () => {
    harness = await startHarness();
    const { feed, venue } = harness;
    feed.subscribe('binance:spot:BTCUSDT:1m', { onEvent: () => {} });
    feed.subscribe('binance:spot:BTCUSDT:1m', { onEvent: () => {} });
    feed.subscribe('binance:spot:ETHUSDT:1m', { onEvent: () => {} });
    await waitFor(() => venue.subscriptionCount() === 2, 'two upstream subscriptions');
    await waitFor(() => feed.status().venues[0]?.openConnections === 1, 'the connection open');
    const status = feed.status();
    expect(status.venues).toEqual([
      expect.objectContaining({
        connections: 1,
        openConnections: 1,
        streams: 2,
        stalledStreams: [],
        circuit: 'closed',
      }),
    ]);
    expect(status.streams.map((row) => [row.stream, row.consumers, row.stalled]).sort()).toEqual([
      ['binance:spot:BTCUSDT:1m', 2, false],
      ['binance:spot:ETHUSDT:1m', 1, false],
    ]);
  });
});
