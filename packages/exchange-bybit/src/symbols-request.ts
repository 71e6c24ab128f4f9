import type { HttpRequest, MarketType } from '@ohlcv/core';
import { bybitCategory } from './bybit-category';
import { trimBase } from './candles-request';

/**
 * `GET /v5/market/instruments-info?category=…`. Linear and inverse page with `limit=1000` and the
 * previous page's `nextPageCursor`; spot has no paging (`limit`/`cursor` are invalid there).
 */
export function symbolsRequest(market: MarketType, restBase: string, cursor?: string): HttpRequest {
  const category = bybitCategory(market);
  const search = new URLSearchParams({ category });
  if (category !== 'spot') {
    search.set('limit', '1000');
    if (cursor) search.set('cursor', cursor);
  }
  return {
    method: 'GET',
    url: `${trimBase(restBase)}/v5/market/instruments-info?${search.toString()}`,
    weight: 1,
  };
}
