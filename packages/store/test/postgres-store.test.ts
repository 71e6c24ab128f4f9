import { createPostgresStore } from '@ohlcv/store-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresServer, postgresUnavailable, startPostgres } from './postgres-server';
import { candlesOf, describeCandleStore } from './store-conformance';

const unavailable = postgresUnavailable();

if (unavailable !== undefined && process.env.CI !== 'true') {
  describe('CandleStore conformance: postgres', () => {
    it(`could not run: ${unavailable}`, () => {
      console.warn(`@ohlcv/store postgres tests NOT RUN: ${unavailable}`);
    });
  });
} else {
  let server: PostgresServer;
  beforeAll(async () => {
    if (unavailable !== undefined) throw new Error(`CI=true and ${unavailable}`);
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => server?.stop(), 30_000);

  describeCandleStore('postgres', () => server.createDatabase());

  describe('@ohlcv/store-postgres', () => {
    const BTC = { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' } as const;

    it('records its schema version once, a plain table with the key index without TimescaleDB', async () => {
      const url = await server.createDatabase();
      const first = await createPostgresStore(url);
      await first.close();
      const second = await createPostgresStore(url);
      expect(second.hypertable).toBe(false);
      await second.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const versions = await client.query('SELECT version FROM ohlcv_migrations ORDER BY version');
        expect(versions.rows).toEqual([{ version: 1 }]);
        const key = await client.query(
          "SELECT indexdef FROM pg_indexes WHERE tablename = 'ohlcv_candles' AND indexname = 'ohlcv_candles_pkey'",
        );
        expect(key.rows[0]?.indexdef).toContain('(exchange, market, symbol, "interval", open_time)');
      } finally {
        await client.end();
      }
    });

    it('keeps one row when a batch holds the same candle twice (the last copy wins)', async () => {
      const store = await createPostgresStore(await server.createDatabase());
      const [a, b] = candlesOf(BTC, Date.UTC(2025, 0, 1), 2);
      await store.write([a!, b!, { ...a!, close: 1 }]);
      const range = { ...BTC, from: 0, to: Number.MAX_SAFE_INTEGER };
      expect(await store.count(range)).toBe(2);
      expect((await store.range(range)[Symbol.asyncIterator]().next()).value?.close).toBe(1);
      await store.close();
    });

    it('fails naming the URL without its password when the server is unreachable', async () => {
      await expect(createPostgresStore('postgres://u:secret@127.0.0.1:1/db')).rejects.toThrow(
        /cannot open PostgreSQL store postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db: /,
      );
    });
  });
}
