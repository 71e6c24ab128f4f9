import type { CandleStore, CandleStoreFactory } from '@ohlcv/core';
import { backendOf, redactStoreUrl } from './store-url';

export interface CreateStoreOptions {
  /** How a backend package is loaded (tests); default: dynamic `import()`. */
  load?: (packageName: string) => Promise<unknown>;
}

/**
 * Opens the candle store a URL names: `sqlite:./candles.db`, `sqlite::memory:` (`@ohlcv/store-sqlite`),
 * `postgres://user:pass@host:5432/db` (`@ohlcv/store-postgres`). The backend package is imported only
 * when used, so an application installs only the one it needs; a missing one fails naming it.
 */
export async function createStore(url: string, options: CreateStoreOptions = {}): Promise<CandleStore> {
  const backend = backendOf(url);
  const load = options.load ?? ((name: string) => import(name));
  let module: unknown;
  try {
    module = await load(backend.packageName);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new Error(
        `store ${redactStoreUrl(url)} needs the package ${backend.packageName}: install it (npm install ${backend.packageName})`,
        { cause: error },
      );
    }
    throw error;
  }
  const factory = (module as Record<string, unknown> | undefined)?.[backend.factory];
  if (typeof factory !== 'function') {
    throw new Error(`${backend.packageName} does not export ${backend.factory}: is it the right version?`);
  }
  return (factory as CandleStoreFactory)(url);
}
