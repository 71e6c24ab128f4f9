import {
  CANDLE_STORE_SPEC_VERSION,
  type Candle,
  type CandleHole,
  type CandleRangeQuery,
  type CandleStore,
  candleOfStoredRow,
  checkStorableCandles,
  HoleFinder,
  type StoredCandleRow,
  type StreamId,
  storedCandleValues,
} from '@ohlcv/core';
import Database from 'better-sqlite3';
import { CANDLES_TABLE, migrate } from './sqlite-schema';
import { sqliteFileOf } from './sqlite-url';

const DEFAULT_PAGE_SIZE = 5_000;
const KEY = 'exchange = @exchange AND market = @market AND symbol = @symbol AND interval = @interval';

export interface SqliteStoreOptions {
  /** Passed to better-sqlite3 (e.g. `{ readonly: true }`). */
  database?: Database.Options;
}

/**
 * Opens (creating and migrating) a SQLite candle store: `sqlite:./candles.db`, `sqlite::memory:`.
 * File databases use WAL journaling, so a killed writer loses nothing it had committed.
 */
export async function createSqliteStore(url: string, options: SqliteStoreOptions = {}): Promise<CandleStore> {
  const file = sqliteFileOf(url);
  const db = new Database(file, options.database);
  try {
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw new Error(`cannot open SQLite store ${url}: ${(error as Error).message}`, { cause: error });
  }
  return new SqliteCandleStore(db, url);
}

class SqliteCandleStore implements CandleStore {
  readonly specificationVersion = CANDLE_STORE_SPEC_VERSION;
  readonly displayUrl: string;
  readonly #db: Database.Database;
  readonly #upsert: Database.Statement;
  readonly #page: Database.Statement;
  readonly #openTimes: Database.Statement;
  readonly #last: Database.Statement;
  readonly #count: Database.Statement;
  readonly #streams: Database.Statement;
  readonly #writeAll: (candles: readonly Candle[]) => void;

  constructor(db: Database.Database, url: string) {
    this.#db = db;
    this.displayUrl = url;
    this.#upsert = db.prepare(
      `INSERT INTO ${CANDLES_TABLE} (exchange, market, symbol, interval, open_time, close_time, open, high, low, close, volume, quote_volume, trades)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (exchange, market, symbol, interval, open_time) DO UPDATE SET
         close_time = excluded.close_time, open = excluded.open, high = excluded.high, low = excluded.low,
         close = excluded.close, volume = excluded.volume, quote_volume = excluded.quote_volume, trades = excluded.trades`,
    );
    this.#page = db.prepare(
      `SELECT * FROM ${CANDLES_TABLE} WHERE ${KEY} AND open_time >= @from AND open_time < @to ORDER BY open_time LIMIT @limit`,
    );
    this.#openTimes = db
      .prepare(
        `SELECT open_time FROM ${CANDLES_TABLE} WHERE ${KEY} AND open_time >= @from AND open_time < @to ORDER BY open_time`,
      )
      .pluck();
    this.#last = db.prepare(`SELECT * FROM ${CANDLES_TABLE} WHERE ${KEY} ORDER BY open_time DESC LIMIT 1`);
    this.#count = db
      .prepare(
        `SELECT COUNT(*) FROM ${CANDLES_TABLE} WHERE ${KEY} AND open_time >= @from AND open_time < @to`,
      )
      .pluck();
    this.#streams = db.prepare(
      `SELECT DISTINCT exchange, market, symbol, interval FROM ${CANDLES_TABLE} ORDER BY exchange, market, symbol, interval`,
    );
    this.#writeAll = db.transaction((candles: readonly Candle[]) => {
      for (const c of candles) {
        this.#upsert.run(...storedCandleValues(c));
      }
    });
  }

  async write(candles: readonly Candle[]): Promise<void> {
    if (candles.length === 0) return;
    checkStorableCandles(candles);
    this.#writeAll(candles);
  }

  async *range(query: CandleRangeQuery): AsyncIterable<Candle> {
    const limit = query.pageSize ?? DEFAULT_PAGE_SIZE;
    let from = query.from;
    while (from < query.to) {
      const rows = this.#page.all({ ...keyOf(query), from, to: query.to, limit }) as StoredCandleRow[];
      for (const row of rows) yield candleOfStoredRow(row);
      if (rows.length < limit) return;
      from = Number(rows[rows.length - 1]!.open_time) + 1;
    }
  }

  async last(stream: StreamId): Promise<Candle | undefined> {
    const row = this.#last.get(keyOf(stream)) as StoredCandleRow | undefined;
    return row === undefined ? undefined : candleOfStoredRow(row);
  }

  async count(query: CandleRangeQuery): Promise<number> {
    return this.#count.get({ ...keyOf(query), from: query.from, to: query.to }) as number;
  }

  async holes(query: CandleRangeQuery): Promise<CandleHole[]> {
    const finder = new HoleFinder(query.interval, query.from, query.to);
    for (const openTime of this.#openTimes.iterate({ ...keyOf(query), from: query.from, to: query.to }))
      finder.see(openTime as number);
    return finder.holes();
  }

  async streams(): Promise<StreamId[]> {
    return this.#streams.all() as StreamId[];
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

function keyOf(stream: StreamId): Record<string, string> {
  return {
    exchange: stream.exchange,
    market: stream.market,
    symbol: stream.symbol,
    interval: stream.interval,
  };
}
