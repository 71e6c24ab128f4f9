import type Database from 'better-sqlite3';

/** Table of candles; its primary key is the candle's identity. */
export const CANDLES_TABLE = 'ohlcv_candles';

/** Each migration brings the schema from version index to index + 1; append, never edit. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE ${CANDLES_TABLE} (
     exchange TEXT NOT NULL,
     market TEXT NOT NULL,
     symbol TEXT NOT NULL,
     interval TEXT NOT NULL,
     open_time INTEGER NOT NULL,
     close_time INTEGER NOT NULL,
     open REAL NOT NULL,
     high REAL NOT NULL,
     low REAL NOT NULL,
     close REAL NOT NULL,
     volume REAL NOT NULL,
     quote_volume REAL,
     trades INTEGER,
     PRIMARY KEY (exchange, market, symbol, interval, open_time)
   ) WITHOUT ROWID`,
];

const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Creates or migrates the schema in one transaction, recording each applied version in
 * `ohlcv_migrations`. Refuses a database written by a newer version of this package.
 */
export function migrate(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS ohlcv_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
  );
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS version FROM ohlcv_migrations').get() as {
      version: number | null;
    };
    const current = row.version ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `the database has schema version ${current}, newer than this @ohlcv/store-sqlite knows (${SCHEMA_VERSION}): upgrade the package`,
      );
    }
    const record = db.prepare('INSERT INTO ohlcv_migrations (version, applied_at) VALUES (?, ?)');
    for (let version = current; version < SCHEMA_VERSION; version += 1) {
      db.exec(MIGRATIONS[version]!);
      record.run(version + 1, Date.now());
    }
  });
  apply.immediate();
}
