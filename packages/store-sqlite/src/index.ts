export type { SqliteStoreOptions } from './sqlite-store';
export { createSqliteStore } from './sqlite-store';
export { sqliteFileOf } from './sqlite-url';
