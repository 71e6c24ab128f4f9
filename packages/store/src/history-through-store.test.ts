import type { Candle, Feed, HistoryQuery } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { candlesOf } from '../test/store-conformance';
import { createStore } from './create-store';
import { historyThroughStore } from './history-through-store';

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 0, 1);
const BTC = { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' } as const;

/** A feed whose history serves the generated candles in pages of 100, recording each call. */
function fakeFeed(): Pick<Feed, 'history'> & { calls: Array<[number, number]> } {
  const calls: Array<[number, number]> = [];
  return {
    calls,
    async history(query: HistoryQuery, options = {}) {
      calls.push([query.from, query.to]);
      const all = candlesOf(BTC, query.from, (query.to - query.from) / MINUTE);
      for (let i = 0; i < all.length; i += 100) options.onPage?.(all.slice(i, i + 100));
      return all;
    },
  };
}

async function collect(iterable: AsyncIterable<Candle>): Promise<Candle[]> {
  const out: Candle[] = [];
  for await (const candle of iterable) out.push(candle);
  return out;
}

describe('historyThroughStore', () => {
  it('fetches only the holes, writes them back, and serves a stored range without a fetch', async () => {
    const store = await createStore('sqlite::memory:');
    const feed = fakeFeed();
    await store.write(candlesOf(BTC, T0 + 100 * MINUTE, 50));
    const query = { ...BTC, from: T0, to: T0 + 300 * MINUTE };
    const first = await collect(historyThroughStore(feed, store, query));
    expect(first).toEqual(candlesOf(BTC, T0, 300));
    expect(feed.calls).toEqual([
      [T0, T0 + 100 * MINUTE],
      [T0 + 150 * MINUTE, T0 + 300 * MINUTE],
    ]);
    const second = await collect(historyThroughStore(feed, store, query));
    expect(second).toEqual(first);
    expect(feed.calls).toHaveLength(2);
    await store.close();
  });

  it('fills a long hole in bounded chunks', async () => {
    const store = await createStore('sqlite::memory:');
    const feed = fakeFeed();
    const query = { ...BTC, from: T0, to: T0 + 25_000 * MINUTE };
    let count = 0;
    for await (const _ of historyThroughStore(feed, store, query)) count += 1;
    expect(count).toBe(25_000);
    expect(feed.calls.map(([from, to]) => (to - from) / MINUTE)).toEqual([10_000, 10_000, 5_000]);
    await store.close();
  });
});
