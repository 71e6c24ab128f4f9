import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Candle, type CandleStore, storedCandleValues } from '@ohlcv/core';
import { createStore } from '@ohlcv/store';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  type PostgresServer,
  postgresUnavailable,
  startPostgres,
} from '../../packages/store/test/postgres-server';
import { formatRate } from './measure';

const MINUTE = 60_000;
/** One year of 1m candles. */
const YEAR = 525_600;
/** Candles per write, as `ohlcv record` and `history --store` batch them. */
const BATCH = 1_000;
const T0 = Date.UTC(2025, 0, 1);

interface StoreRow {
  store: string;
  candles: number;
  write: number;
  writeBaseline: number;
  read: number;
  readBaseline: number;
}

export interface StoreBench {
  rows: StoreRow[];
  skipped: string[];
}

function yearOfCandles(): Candle[] {
  return Array.from({ length: YEAR }, (_, i) => {
    const openTime = T0 + i * MINUTE;
    const price = 40_000 + Math.sin(i / 300) * 500 + (i % 17) * 0.25;
    return {
      exchange: 'binance',
      market: 'spot',
      symbol: 'BTCUSDT',
      interval: '1m',
      openTime,
      closeTime: openTime + MINUTE - 1,
      open: price,
      high: price + 12.5,
      low: price - 9.75,
      close: price + 1.5,
      volume: 12.345 + (i % 100),
      quoteVolume: (12.345 + (i % 100)) * price,
      trades: 100 + (i % 50),
      closed: true,
    };
  });
}

async function rate(count: number, body: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await body();
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function storeRates(store: CandleStore, candles: readonly Candle[]): Promise<[number, number]> {
  const write = await rate(candles.length, async () => {
    for (let i = 0; i < candles.length; i += BATCH) await store.write(candles.slice(i, i + BATCH));
  });
  let read = 0;
  const readRate = await rate(candles.length, async () => {
    for await (const _ of store.range({ ...candles[0]!, from: T0, to: T0 + YEAR * MINUTE })) read += 1;
  });
  if (read !== candles.length) throw new Error(`read back ${read} candles, wrote ${candles.length}`);
  return [write, readRate];
}

const SQLITE_TABLE = `CREATE TABLE raw (exchange TEXT, market TEXT, symbol TEXT, interval TEXT, open_time INTEGER,
  close_time INTEGER, open REAL, high REAL, low REAL, close REAL, volume REAL, quote_volume REAL, trades INTEGER,
  PRIMARY KEY (exchange, market, symbol, interval, open_time)) WITHOUT ROWID`;

/** Baseline: plain better-sqlite3 INSERTs (no upsert, no checks) in a transaction per batch; one SELECT iterated. */
function sqliteBaseline(file: string, candles: readonly Candle[]): Promise<[number, number]> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SQLITE_TABLE);
  const insert = db.prepare('INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const batch = db.transaction((rows: readonly Candle[]) => {
    for (const c of rows) {
      insert.run(...storedCandleValues(c));
    }
  });
  return (async () => {
    const write = await rate(candles.length, async () => {
      for (let i = 0; i < candles.length; i += BATCH) batch(candles.slice(i, i + BATCH));
    });
    const read = await rate(candles.length, async () => {
      let n = 0;
      for (const _ of db.prepare('SELECT * FROM raw ORDER BY open_time').iterate()) n += 1;
      if (n !== candles.length) throw new Error('baseline read short');
    });
    db.close();
    return [write, read];
  })();
}

/** Baseline: plain multi-row INSERT … SELECT FROM unnest (no conflict handling) per batch; one SELECT. */
async function postgresBaseline(url: string, candles: readonly Candle[]): Promise<[number, number]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE raw (exchange text, market text, symbol text, interval text, open_time bigint,
      close_time bigint, open float8, high float8, low float8, close float8, volume float8, quote_volume float8,
      trades bigint, PRIMARY KEY (exchange, market, symbol, interval, open_time))`);
    const write = await rate(candles.length, async () => {
      for (let i = 0; i < candles.length; i += BATCH) {
        const rows = candles.slice(i, i + BATCH);
        const col = <T>(pick: (c: Candle) => T) => rows.map(pick);
        await client.query(
          `INSERT INTO raw SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[],
            $6::bigint[], $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::bigint[])`,
          [
            col((c) => c.exchange),
            col((c) => c.market),
            col((c) => c.symbol),
            col((c) => c.interval),
            col((c) => c.openTime),
            col((c) => c.closeTime),
            col((c) => c.open),
            col((c) => c.high),
            col((c) => c.low),
            col((c) => c.close),
            col((c) => c.volume),
            col((c) => c.quoteVolume ?? null),
            col((c) => c.trades ?? null),
          ],
        );
      }
    });
    const read = await rate(candles.length, async () => {
      const { rowCount } = await client.query('SELECT * FROM raw ORDER BY open_time');
      if (rowCount !== candles.length) throw new Error('baseline read short');
    });
    return [write, read];
  } finally {
    await client.end();
  }
}

/** Baseline and store alternately, each on a fresh database, twice; the better round of each (JIT warm-up, noise). */
async function bestOf(
  baseline: (round: number) => Promise<[number, number]>,
  store: (round: number) => Promise<[number, number]>,
): Promise<Omit<StoreRow, 'store' | 'candles'>> {
  const best = { write: 0, writeBaseline: 0, read: 0, readBaseline: 0 };
  for (let round = 0; round < 2; round += 1) {
    const [writeBaseline, readBaseline] = await baseline(round);
    const [write, read] = await store(round);
    best.writeBaseline = Math.max(best.writeBaseline, writeBaseline);
    best.readBaseline = Math.max(best.readBaseline, readBaseline);
    best.write = Math.max(best.write, write);
    best.read = Math.max(best.read, read);
  }
  return best;
}

export async function benchStores(): Promise<StoreBench> {
  const candles = yearOfCandles();
  const dir = mkdtempSync(join(tmpdir(), 'ohlcv-bench-store-'));
  const rows: StoreRow[] = [];
  const skipped: string[] = [];
  try {
    const sqliteRates = await bestOf(
      (round) => sqliteBaseline(join(dir, `raw-${round}.db`), candles),
      async (round) => {
        const store = await createStore(`sqlite:${join(dir, `candles-${round}.db`)}`);
        try {
          return await storeRates(store, candles);
        } finally {
          await store.close();
        }
      },
    );
    rows.push({ store: 'sqlite (file, WAL)', candles: candles.length, ...sqliteRates });

    const unavailable = postgresUnavailable();
    if (unavailable !== undefined) skipped.push(`postgres: ${unavailable}`);
    else {
      let server: PostgresServer | undefined;
      try {
        server = await startPostgres();
        const pgServer = server;
        const pgRates = await bestOf(
          async () => postgresBaseline(await pgServer.createDatabase(), candles),
          async () => {
            const store = await createStore(await pgServer.createDatabase());
            try {
              return await storeRates(store, candles);
            } finally {
              await store.close();
            }
          },
        );
        rows.push({ store: 'postgres (local, fsync off)', candles: candles.length, ...pgRates });
      } finally {
        await server?.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, skipped };
}

export function storeReport(bench: StoreBench): string {
  const lines = [
    '| store | candles | write (store, batches of 1,000) | write baseline | store ÷ baseline | read one year (store.range) | read baseline | store ÷ baseline |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...bench.rows.map(
      (r) =>
        `| ${r.store} | ${r.candles.toLocaleString('en')} | ${formatRate(r.write)} | ${formatRate(r.writeBaseline)} | ${(r.write / r.writeBaseline).toFixed(2)}× | ${formatRate(r.read)} | ${formatRate(r.readBaseline)} | ${(r.read / r.readBaseline).toFixed(2)}× |`,
    ),
  ];
  for (const reason of bench.skipped) lines.push('', `Not measured: ${reason}.`);
  return lines.join('\n');
}

export const STORE_SECTION_INTRO = `One year of 1m candles (525,600) of one stream, written through the store in batches of 1,000
(one transaction each: the checks and the idempotent upsert), then read back with \`store.range\`
(paged, constant memory). Each side runs twice, alternating, on a fresh database; the better round
counts. Baselines in the same run: plain INSERTs of the same batches into an
identical table without conflict handling or checks (better-sqlite3 prepared statement; pg
\`INSERT … SELECT FROM unnest\`), and one unpaged \`SELECT … ORDER BY open_time\`. PostgreSQL is a
throw-away local server started from the Debian package (fsync off), so its absolute numbers say
little about a production server; the ratios say what the store adds. The unpaged baseline read
holds the whole year in memory; the store keeps one page at a time (5,000 rows on SQLite, 20,000 on
PostgreSQL, where each page costs a round trip).`;
