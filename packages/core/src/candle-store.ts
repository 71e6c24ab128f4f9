import type { Candle } from './candle';
import type { StreamId } from './stream-key';

/**
 * The contract of a candle store (`ohlcv record --store URL`, `history --store URL`). Implementations
 * wrap an existing database (`@ohlcv/store-sqlite`, `@ohlcv/store-postgres`); core holds only this
 * type, `@ohlcv/store`'s `createStore(url)` picks the backend by URL scheme.
 *
 * One row per (exchange, market, symbol, interval, openTime) with the Candle fields. Guarantees
 * every implementation keeps:
 * - Only closed candles are stored; `write` rejects an open one naming it, and nothing is written.
 * - `write` is an idempotent upsert: writing a candle again replaces it, never adds a second row.
 *   One call is one transaction (all or nothing), whatever the number of streams in it.
 * - `range` is ascending by openTime and reads in pages, so memory stays constant for any range.
 * - The schema is created and migrated by the store itself (a versioned migrations table).
 */
export const CANDLE_STORE_SPEC_VERSION = 'v1' as const;

export interface CandleRangeQuery extends StreamId {
  /** Open time, inclusive. */
  from: number;
  /** Open time, exclusive. */
  to: number;
  /** Rows read per page (default: the backend's, 5,000 for SQLite, 20,000 for PostgreSQL). */
  pageSize?: number;
}

/** Open times [from, to) (half-open) in which the store has no candle. */
export interface CandleHole {
  from: number;
  to: number;
}

export interface CandleStore {
  readonly specificationVersion: typeof CANDLE_STORE_SPEC_VERSION;
  /** The store URL with any credentials removed (for logs). */
  readonly displayUrl: string;
  /** Upserts closed candles (any streams, any order) in one transaction. */
  write(candles: readonly Candle[]): Promise<void>;
  /** Stored candles of one stream with from <= openTime < to, ascending, read page by page. */
  range(query: CandleRangeQuery): AsyncIterable<Candle>;
  /** The newest stored candle of a stream, if any. */
  last(stream: StreamId): Promise<Candle | undefined>;
  /** How many candles of the stream the store holds in [from, to). */
  count(query: CandleRangeQuery): Promise<number>;
  /**
   * The open-time stretches of [from, to) the store has no candle for, ascending; every expected
   * open time (aligned to the interval) falls in exactly one hole or is stored.
   */
  holes(query: CandleRangeQuery): Promise<CandleHole[]>;
  /** Every stream the store holds candles for. */
  streams(): Promise<StreamId[]>;
  close(): Promise<void>;
}

/** Opens a store from a URL; each store package exports one. */
export type CandleStoreFactory = (url: string) => Promise<CandleStore>;
