export type { PostgresCandleStore, PostgresStoreOptions } from './postgres-store';
export { createPostgresStore } from './postgres-store';
