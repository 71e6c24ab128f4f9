import {
  type Candle,
  type CandleHole,
  type CandleStore,
  type Feed,
  type HistoryQuery,
  intervalMs,
} from '@ohlcv/core';

/** Candles fetched per `feed.history` call while filling a hole, so memory stays bounded. */
const FILL_CHUNK_CANDLES = 10_000;

export interface HistoryThroughStoreOptions {
  /** Called for each hole before it is fetched (progress, logs). */
  onHole?: (hole: CandleHole) => void;
  /** Called with each page fetched from the venue, after it is stored. */
  onFetched?: (candles: readonly Candle[]) => void;
  signal?: AbortSignal;
  /** Rows per page read back from the store. */
  pageSize?: number;
}

/**
 * Closed candles of [from, to) read through a store: the stretches the store lacks are fetched over
 * REST (`feed.history`, in bounded chunks) and written to the store page by page as they arrive; then
 * the whole range is read back from the store, ascending. A range already stored costs no REST call.
 * `query.symbol` must be the venue's native symbol (the store's key); `includeOpen` is ignored.
 */
export async function* historyThroughStore(
  feed: Pick<Feed, 'history'>,
  store: CandleStore,
  query: HistoryQuery,
  options: HistoryThroughStoreOptions = {},
): AsyncIterable<Candle> {
  await fillHoles(feed, store, query, options);
  yield* store.range({ ...query, pageSize: options.pageSize });
}

/** Fetches and stores what the store lacks of [from, to). Resolves with the candles fetched. */
export async function fillHoles(
  feed: Pick<Feed, 'history'>,
  store: CandleStore,
  query: HistoryQuery,
  options: HistoryThroughStoreOptions = {},
): Promise<number> {
  const holes = await store.holes(query);
  const chunkMs = FILL_CHUNK_CANDLES * intervalMs(query.interval);
  let fetched = 0;
  for (const hole of holes) {
    options.onHole?.(hole);
    for (let from = hole.from; from < hole.to; from += chunkMs) {
      const to = Math.min(hole.to, from + chunkMs);
      let writes: Promise<void> = Promise.resolve();
      let failed: unknown;
      await feed.history(
        { ...query, from, to, includeOpen: false },
        {
          signal: options.signal,
          onPage: (page) => {
            if (page.length === 0) return;
            fetched += page.length;
            writes = writes.then(async () => {
              if (failed !== undefined) return;
              try {
                await store.write(page);
                options.onFetched?.(page);
              } catch (error) {
                failed = error;
              }
            });
          },
        },
      );
      await writes;
      if (failed !== undefined) throw failed;
    }
  }
  return fetched;
}
