import { backendOf, DEFAULT_STORE_URL } from '@ohlcv/store';
import { setting } from '../settings';

type Env = Record<string, string | undefined>;

/** `--store URL` > `OHLCV_STORE` > `sqlite:./candles.db`; an unknown scheme is a usage error. */
export function readStoreUrl(flag: string | undefined, env: Env): string {
  return setting(
    { name: '--store', value: flag },
    { name: 'OHLCV_STORE', source: env },
    (raw) => {
      backendOf(raw);
      return raw;
    },
    DEFAULT_STORE_URL,
  );
}

/** A TCP port, 0 (any free port) to 65535. */
export function parsePort(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value > 65_535) throw new Error(`"${raw}" is not a port (0-65535)`);
  return value;
}

export const STORE_OPTION_HELP =
  'where candles are kept: sqlite:./candles.db, sqlite::memory:, postgres://user:pass@host/db [env OHLCV_STORE] (default: sqlite:./candles.db)';
