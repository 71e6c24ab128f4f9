import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Candle } from './candle';
import { expectConsecutive, type Harness, MINUTE, startHarness } from './test-support/feed-harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const START = Date.UTC(2024, 0, 1, 0, 0, 30);
const FROM = Date.UTC(2024, 0, 1, 0, 0);
// 100 closed candles at 5 per request (toy spec): 20 pages.
const QUERY = {
  exchange: 'binance',
  market: 'spot',
  symbol: 'BTCUSDT',
  interval: '1m',
  from: FROM,
  to: FROM + 100 * MINUTE,
} as const;

/** A loopback round trip to the venue and many event-loop turns: time for any request to go out. */
async function settle(harness: Harness): Promise<void> {
  for (let turn = 0; turn < 50; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  await fetch(`${harness.venue.restBase}/symbols`).then((response) => response.text());
}

describe('feed.historyPages', () => {
  it('yields the same candles as history(), page by page in order', async () => {
    harness = await startHarness({ venue: { startTime: START + 200 * MINUTE } });
    const pages: Candle[][] = [];
    for await (const page of harness.feed.historyPages(QUERY)) pages.push(page);
    expect(pages).toHaveLength(20);
    expect(pages.every((page) => page.length === 5)).toBe(true);
    const all = pages.flat();
    expectConsecutive(all);
    expect(all[0]!.openTime).toBe(FROM);
    expect(all).toEqual(await harness.feed.history(QUERY));
  });

  it('fetches ahead at most historyConcurrency pages while the consumer pauses (back-pressure)', async () => {
    harness = await startHarness({
      venue: { startTime: START + 200 * MINUTE },
      feed: { historyConcurrency: 2 },
    });
    const { venue } = harness;
    const iterator = harness.feed.historyPages(QUERY)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toHaveLength(5);
    // Paused holding page 1: only the window fetched ahead went out besides it.
    await vi.waitFor(() => expect(venue.restRequestCount('/candles')).toBe(2));
    await settle(harness);
    expect(venue.restRequestCount('/candles')).toBe(2);
    // Each page taken lets exactly one more window go out.
    for (let taken = 2; taken <= 5; taken += 1) {
      await iterator.next();
      expect(venue.restRequestCount('/candles')).toBeLessThanOrEqual(taken + 1);
    }
    await settle(harness);
    expect(venue.restRequestCount('/candles')).toBe(6);
    await iterator.return?.(undefined);
  });

  it('stops requesting when the consumer breaks out of the loop', async () => {
    harness = await startHarness({
      venue: { startTime: START + 200 * MINUTE },
      feed: { historyConcurrency: 3 },
    });
    let pages = 0;
    for await (const page of harness.feed.historyPages(QUERY)) {
      expect(page).toHaveLength(5);
      pages += 1;
      if (pages === 2) break;
    }
    await settle(harness);
    // Two taken, at most three more ahead of them; the other 15 windows never went out.
    expect(harness.venue.restRequestCount('/candles')).toBeLessThanOrEqual(5);
  });

  it('rejects bad input when iterated, naming it', async () => {
    harness = await startHarness();
    const pages = harness.feed.historyPages({ ...QUERY, from: QUERY.to, to: QUERY.from });
    await expect(pages[Symbol.asyncIterator]().next()).rejects.toThrow(/history range .* is empty/);
  });
});
