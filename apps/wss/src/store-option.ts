import type { CandleStore, Feed, Logger } from '@ohlcv/core';
import { backendOf, createStore, redactStoreUrl, storeBackedFeed } from '@ohlcv/store';
import { SettingError } from './server-settings';

type Env = Record<string, string | undefined>;

export const STORE_OPTION_HELP =
  'serve history joins from a candle store (sqlite:./candles.db, postgres://…), REST only for what it lacks (env OHLCV_STORE)';

/** `--store URL` > `OHLCV_STORE`; undefined when neither. Throws naming the URL when its scheme is unknown. */
export function storeUrlOf(flag: unknown, env: Env): string | undefined {
  const raw = typeof flag === 'string' ? flag : env.OHLCV_STORE?.trim() || undefined;
  if (raw === undefined) return undefined;
  try {
    backendOf(raw);
  } catch (error) {
    throw new SettingError(
      `invalid ${typeof flag === 'string' ? '--store' : 'OHLCV_STORE'}: ${(error as Error).message}`,
    );
  }
  return raw;
}

/** The feed the server uses: history joins read through the store when one is given. */
export async function feedWithStore(
  feed: Feed,
  url: string | undefined,
  logger: Logger,
): Promise<{ feed: Feed; store: CandleStore | undefined }> {
  if (url === undefined) return { feed, store: undefined };
  const store = await createStore(url);
  logger.info({ store: redactStoreUrl(url) }, 'history joins read through the store');
  const backed = storeBackedFeed(feed, store, {
    onError: (stream, error) =>
      logger.warn(
        { stream, err: error instanceof Error ? error.message : String(error) },
        'history join through the store failed',
      ),
  });
  return { feed: backed, store };
}
