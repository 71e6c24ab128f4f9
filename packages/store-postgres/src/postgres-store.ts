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
} from '@ohlcv/core';
import pg from 'pg';
import { CANDLES_TABLE, migrate } from './postgres-schema';

/** Rows per page of `range`: larger than SQLite's, each page costs a round trip. */
const DEFAULT_PAGE_SIZE = 20_000;
/** Rows per INSERT … SELECT FROM unnest(…) statement. */
const STATEMENT_ROWS = 10_000;
const KEY = 'exchange = $1 AND market = $2 AND symbol = $3 AND interval = $4';

export interface PostgresStoreOptions {
  /** Connections in the pool. @default 4 */
  maxConnections?: number;
}

export interface PostgresCandleStore extends CandleStore {
  /** Whether the candles table is a TimescaleDB hypertable (the extension was available). */
  readonly hypertable: boolean;
}

/**
 * Opens (creating and migrating) a PostgreSQL candle store: `postgres://user:pass@host:5432/db`
 * (`postgresql://` too; the usual libpq parameters such as `?sslmode=` apply).
 */
export async function createPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresCandleStore> {
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error(`not a PostgreSQL store URL: "${redact(url)}" (expected postgres://user@host/db)`);
  }
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 4 });
  pool.on('error', () => {}); // an idle connection dropped: the next query reconnects
  let hypertable: boolean;
  try {
    const client = await pool.connect();
    try {
      hypertable = await migrate(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw new Error(`cannot open PostgreSQL store ${redact(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return new PgCandleStore(pool, redact(url), hypertable);
}

function redact(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

class PgCandleStore implements PostgresCandleStore {
  readonly specificationVersion = CANDLE_STORE_SPEC_VERSION;
  readonly displayUrl: string;
  readonly hypertable: boolean;
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool, displayUrl: string, hypertable: boolean) {
    this.#pool = pool;
    this.displayUrl = displayUrl;
    this.hypertable = hypertable;
  }

  async write(candles: readonly Candle[]): Promise<void> {
    if (candles.length === 0) return;
    checkStorableCandles(candles);
    // One statement may not touch a row twice: the last copy of a candle in the batch wins.
    const unique = new Map<string, Candle>();
    for (const c of candles)
      unique.set(`${c.exchange}\0${c.market}\0${c.symbol}\0${c.interval}\0${c.openTime}`, c);
    const rows = [...unique.values()];
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      for (let start = 0; start < rows.length; start += STATEMENT_ROWS) {
        await client.query(UPSERT, columnsOf(rows.slice(start, start + STATEMENT_ROWS)));
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async *range(query: CandleRangeQuery): AsyncIterable<Candle> {
    const limit = query.pageSize ?? DEFAULT_PAGE_SIZE;
    let from = query.from;
    while (from < query.to) {
      const { rows } = await this.#pool.query<StoredCandleRow>(
        `SELECT * FROM ${CANDLES_TABLE} WHERE ${KEY} AND open_time >= $5 AND open_time < $6 ORDER BY open_time LIMIT $7`,
        [...keyOf(query), from, query.to, limit],
      );
      for (const row of rows) yield candleOfStoredRow(row);
      if (rows.length < limit) return;
      from = Number(rows[rows.length - 1]!.open_time) + 1;
    }
  }

  async last(stream: StreamId): Promise<Candle | undefined> {
    const { rows } = await this.#pool.query<StoredCandleRow>(
      `SELECT * FROM ${CANDLES_TABLE} WHERE ${KEY} ORDER BY open_time DESC LIMIT 1`,
      keyOf(stream),
    );
    return rows[0] === undefined ? undefined : candleOfStoredRow(rows[0]);
  }

  async count(query: CandleRangeQuery): Promise<number> {
    const { rows } = await this.#pool.query<{ count: string }>(
      `SELECT COUNT(*) AS count FROM ${CANDLES_TABLE} WHERE ${KEY} AND open_time >= $5 AND open_time < $6`,
      [...keyOf(query), query.from, query.to],
    );
    return Number(rows[0]?.count ?? 0);
  }

  async holes(query: CandleRangeQuery): Promise<CandleHole[]> {
    const finder = new HoleFinder(query.interval, query.from, query.to);
    const limit = 50_000;
    let from = query.from;
    while (from < query.to) {
      const { rows } = await this.#pool.query<{ open_time: string }>(
        `SELECT open_time FROM ${CANDLES_TABLE} WHERE ${KEY} AND open_time >= $5 AND open_time < $6 ORDER BY open_time LIMIT $7`,
        [...keyOf(query), from, query.to, limit],
      );
      for (const row of rows) finder.see(Number(row.open_time));
      if (rows.length < limit) break;
      from = Number(rows[rows.length - 1]!.open_time) + 1;
    }
    return finder.holes();
  }

  async streams(): Promise<StreamId[]> {
    const { rows } = await this.#pool.query<StreamId>(
      `SELECT DISTINCT exchange, market, symbol, interval FROM ${CANDLES_TABLE} ORDER BY exchange, market, symbol, interval`,
    );
    return rows;
  }

  #closing: Promise<void> | undefined;

  close(): Promise<void> {
    this.#closing ??= this.#pool.end();
    return this.#closing;
  }
}

const UPSERT = `INSERT INTO ${CANDLES_TABLE}
  (exchange, market, symbol, interval, open_time, close_time, open, high, low, close, volume, quote_volume, trades)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[],
    $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::bigint[])
  ON CONFLICT (exchange, market, symbol, interval, open_time) DO UPDATE SET
    close_time = excluded.close_time, open = excluded.open, high = excluded.high, low = excluded.low,
    close = excluded.close, volume = excluded.volume, quote_volume = excluded.quote_volume, trades = excluded.trades`;

function columnsOf(candles: readonly Candle[]): unknown[][] {
  const columns: unknown[][] = Array.from({ length: 13 }, () => new Array(candles.length));
  candles.forEach((c, i) => {
    columns[0]![i] = c.exchange;
    columns[1]![i] = c.market;
    columns[2]![i] = c.symbol;
    columns[3]![i] = c.interval;
    columns[4]![i] = c.openTime;
    columns[5]![i] = c.closeTime;
    columns[6]![i] = c.open;
    columns[7]![i] = c.high;
    columns[8]![i] = c.low;
    columns[9]![i] = c.close;
    columns[10]![i] = c.volume;
    columns[11]![i] = c.quoteVolume ?? null;
    columns[12]![i] = c.trades ?? null;
  });
  return columns;
}

function keyOf(stream: StreamId): string[] {
  return [stream.exchange, stream.market, stream.symbol, stream.interval];
}
