/** A store backend: the URL schemes it serves, its package and the factory that package exports. */
export interface StoreBackend {
  schemes: readonly string[];
  packageName: string;
  factory: string;
}

export const STORE_BACKENDS: readonly StoreBackend[] = [
  { schemes: ['sqlite:'], packageName: '@ohlcv/store-sqlite', factory: 'createSqliteStore' },
  {
    schemes: ['postgres:', 'postgresql:'],
    packageName: '@ohlcv/store-postgres',
    factory: 'createPostgresStore',
  },
];

/** The default store of `ohlcv record` and friends. */
export const DEFAULT_STORE_URL = 'sqlite:./candles.db';

/** The backend for a store URL; throws naming the URL and the schemes known. */
export function backendOf(url: string): StoreBackend {
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0]?.toLowerCase();
  const backend = STORE_BACKENDS.find((b) => scheme !== undefined && b.schemes.includes(scheme));
  if (backend === undefined) {
    throw new Error(
      `unknown store URL "${redactStoreUrl(url)}": expected sqlite:./candles.db, sqlite::memory: or postgres://user@host/db`,
    );
  }
  return backend;
}

/** The URL with any password removed, for logs and errors. */
export function redactStoreUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
