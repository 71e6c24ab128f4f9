import { type CandlesQuery, type HttpRequest, type MarketType, OhlcvError } from '@ohlcv/core';
import { bybitCategory } from './bybit-category';
import { toBybitInterval } from './bybit-intervals';

const MAX_CANDLES_PER_REQUEST = 1_000;

/** `GET /v5/market/kline?category=&symbol=&interval=&start=&end=&limit=` (rows come newest first). */
export function candlesRequest(market: MarketType, restBase: string, query: CandlesQuery): HttpRequest {
  const interval = toBybitInterval(market, query.interval);
  if (!query.symbol) throw new OhlcvError('bybit candles request: empty symbol', { code: 'invalid_symbol' });
  checkTime('startTime', query.startTime);
  checkTime('endTime', query.endTime);
  if (query.endTime < query.startTime) {
    throw new OhlcvError(
      `bybit candles request: endTime ${query.endTime} is before startTime ${query.startTime}`,
      { code: 'config' },
    );
  }
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_CANDLES_PER_REQUEST) {
    throw new OhlcvError(
      `bybit candles request: limit ${query.limit} is not an integer in [1, ${MAX_CANDLES_PER_REQUEST}]`,
      { code: 'limit_exceeded' },
    );
  }
  const search = new URLSearchParams({
    category: bybitCategory(market),
    symbol: query.symbol,
    interval,
    start: String(query.startTime),
    end: String(query.endTime),
    limit: String(query.limit),
  });
  return { method: 'GET', url: `${trimBase(restBase)}/v5/market/kline?${search.toString()}`, weight: 1 };
}

function checkTime(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new OhlcvError(`bybit candles request: ${name} ${value} is not a time in ms`, { code: 'config' });
  }
}

export function trimBase(base: string): string {
  return base.endsWith('/') ? base.slice(0, -1) : base;
}
