import { describe, expect, it } from 'vitest';
import { createStore } from './create-store';
import { backendOf, redactStoreUrl } from './store-url';

describe('createStore', () => {
  it('opens an in-memory SQLite store', async () => {
    const store = await createStore('sqlite::memory:');
    expect(store.displayUrl).toBe('sqlite::memory:');
    await store.close();
  });

  it('names the URL and the schemes it knows for an unknown scheme', async () => {
    await expect(createStore('mysql://root:secret@db/candles')).rejects.toThrow(
      'unknown store URL "mysql://root:***@db/candles": expected sqlite:./candles.db, sqlite::memory: or postgres://user@host/db',
    );
    await expect(createStore('./candles.db')).rejects.toThrow(/unknown store URL "\.\/candles\.db"/);
  });

  it('names the package to install when the backend is missing', async () => {
    const missing = async (name: string): Promise<unknown> => {
      throw Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' });
    };
    await expect(createStore('postgres://u:pw@localhost/db', { load: missing })).rejects.toThrow(
      'store postgres://u:***@localhost/db needs the package @ohlcv/store-postgres: install it (npm install @ohlcv/store-postgres)',
    );
  });

  it('picks the backend by scheme', () => {
    expect(backendOf('sqlite:./x.db').packageName).toBe('@ohlcv/store-sqlite');
    expect(backendOf('postgresql://h/db').packageName).toBe('@ohlcv/store-postgres');
    expect(backendOf('POSTGRES://h/db').packageName).toBe('@ohlcv/store-postgres');
    expect(redactStoreUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});
