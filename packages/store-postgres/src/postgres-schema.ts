import type { PoolClient } from 'pg';

/** Table of candles; its primary key is the candle's identity. */
export const CANDLES_TABLE = 'ohlcv_candles';

/** Each migration brings the schema from version index to index + 1; append, never edit. */
const MIGRATIONS: ReadonlyArray<(client: PoolClient) => Promise<void>> = [
  async (client) => {
    await client.query(`CREATE TABLE ${CANDLES_TABLE} (
      exchange text NOT NULL,
      market text NOT NULL,
      symbol text NOT NULL,
      interval text NOT NULL,
      open_time bigint NOT NULL,
      close_time bigint NOT NULL,
      open double precision NOT NULL,
      high double precision NOT NULL,
      low double precision NOT NULL,
      close double precision NOT NULL,
      volume double precision NOT NULL,
      quote_volume double precision,
      trades bigint,
      PRIMARY KEY (exchange, market, symbol, interval, open_time)
    )`);
    // A TimescaleDB hypertable (chunks of 7 days of open time) when the extension is installed.
    const available = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'");
    if (available.rowCount === 0) return;
    await client.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
    await client.query(
      `SELECT create_hypertable('${CANDLES_TABLE}', 'open_time', chunk_time_interval => 604800000::bigint, if_not_exists => true)`,
    );
  },
];

const SCHEMA_VERSION = MIGRATIONS.length;

/** Serializes migrations of concurrent openers (any number of `ohlcv record` processes). */
const MIGRATION_LOCK = 0x6f686c6376; // "ohlcv"

/**
 * Creates or migrates the schema in one transaction, recording each applied version in
 * `ohlcv_migrations`. Refuses a database written by a newer version of this package. Returns whether
 * the candles table is a TimescaleDB hypertable.
 */
export async function migrate(client: PoolClient): Promise<boolean> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS ohlcv_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT MAX(version) AS version FROM ohlcv_migrations',
    );
    const current = rows[0]?.version ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `the database has schema version ${current}, newer than this @ohlcv/store-postgres knows (${SCHEMA_VERSION}): upgrade the package`,
      );
    }
    for (let version = current; version < SCHEMA_VERSION; version += 1) {
      await MIGRATIONS[version]!(client);
      await client.query('INSERT INTO ohlcv_migrations (version) VALUES ($1)', [version + 1]);
    }
    const hypertable = await isHypertable(client);
    await client.query('COMMIT');
    return hypertable;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

async function isHypertable(client: PoolClient): Promise<boolean> {
  const installed = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'");
  if (installed.rowCount === 0) return false;
  const { rowCount } = await client.query(
    'SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = $1',
    [CANDLES_TABLE],
  );
  return (rowCount ?? 0) > 0;
}
