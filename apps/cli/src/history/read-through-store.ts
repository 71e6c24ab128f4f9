import type { Candle, Feed, HistoryQuery } from '@ohlcv/core';
import { createStore, historyThroughStore } from '@ohlcv/store';

/** Lines written between waits for the output to drain, so memory stays constant. */
const FLUSH_EVERY = 5_000;

/**
 * `history --store`: the range from the store, its holes fetched over REST and written back first.
 * Returns the candles delivered.
 */
export async function readThroughStore(
  storeUrl: string,
  feed: Feed,
  query: HistoryQuery,
  signal: AbortSignal,
  deliver: (candle: Candle) => void,
  drain: () => Promise<void>,
): Promise<number> {
  const store = await createStore(storeUrl);
  let delivered = 0;
  try {
    for await (const candle of historyThroughStore(feed, store, query, { signal })) {
      if (signal.aborted) break;
      deliver(candle);
      delivered += 1;
      if (delivered % FLUSH_EVERY === 0) await drain();
    }
  } finally {
    await store.close();
  }
  return delivered;
}
