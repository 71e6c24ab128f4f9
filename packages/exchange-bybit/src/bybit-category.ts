import type { MarketType } from '@ohlcv/core';

/** Bybit v5 product category: one per market, one WebSocket path and one REST `category` each. */
export type BybitCategory = 'spot' | 'linear' | 'inverse';

const CATEGORY_OF_MARKET: Record<MarketType, BybitCategory> = {
  spot: 'spot',
  usdm: 'linear',
  coinm: 'inverse',
};

export function bybitCategory(market: MarketType): BybitCategory {
  return CATEGORY_OF_MARKET[market];
}
