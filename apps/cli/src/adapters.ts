import type { ExchangeId, VenueAdapter } from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';

/** Every venue the CLI can stream from. */
export const ADAPTERS: Partial<Record<ExchangeId, VenueAdapter>> = {
  binance,
};

export const ALL_ADAPTERS: readonly VenueAdapter[] = Object.values(ADAPTERS).filter(
  (adapter): adapter is VenueAdapter => adapter !== undefined,
);
