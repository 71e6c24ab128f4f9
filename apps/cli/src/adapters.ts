import type { ExchangeId, VenueAdapter } from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';
import { bybit } from '@ohlcv/exchange-bybit';
import { gateio } from '@ohlcv/exchange-gateio';
import { hyperliquid } from '@ohlcv/exchange-hyperliquid';
import { okx } from '@ohlcv/exchange-okx';

/** Every venue the CLI can stream from. */
export const ADAPTERS: Partial<Record<ExchangeId, VenueAdapter>> = {
  binance,
  okx,
  bybit,
  gateio,
  hyperliquid,
};

export const ALL_ADAPTERS: readonly VenueAdapter[] = Object.values(ADAPTERS).filter(
  (adapter): adapter is VenueAdapter => adapter !== undefined,
);
