import { type CandlesQuery, type HttpRequest, type MarketType, OhlcvError } from '@ohlcv/core';
import { binanceInterval } from './binance-interval';
import { klinesUrl } from './binance-urls';
import { COINM_MAX_SPAN_MS, marketSpec } from './market-specs';

/**
 * Request weight of one klines call: spot 2 at any limit; futures by limit — [1,100) 1, [100,500) 2,
 * [500,1000] 5, above 10 (the documented bands; they never undercount the measured ones).
 */
export function klinesWeight(market: MarketType, limit: number): number {
  if (market === 'spot') return 2;
  if (limit < 100) return 1;
  if (limit < 500) return 2;
  if (limit <= 1000) return 5;
  return 10;
}

function checkTime(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new OhlcvError(`binance klines ${name} must be a non-negative integer ms timestamp, got ${value}`, {
      code: 'invalid_stream',
    });
  }
}

/**
 * `GET /api/v3/klines` | `/fapi/v1/klines` | `/dapi/v1/klines` for one window of open times.
 * COIN-M: the window is cut to 200 days (the venue's maximum span), which matters only for long
 * intervals (1500 × 1d > 200 days); the page then holds fewer than `limit` candles.
 */
export function binanceCandlesRequest(
  market: MarketType,
  restBase: string,
  query: CandlesQuery,
): HttpRequest {
  const spec = marketSpec(market);
  const interval = binanceInterval(market, query.interval);
  const max = spec.rest.maxCandlesPerRequest;
  if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > max) {
    throw new OhlcvError(
      `binance ${market} klines limit must be an integer in 1..${max}, got ${query.limit}`,
      {
        code: 'limit_exceeded',
      },
    );
  }
  checkTime('startTime', query.startTime);
  checkTime('endTime', query.endTime);
  if (query.endTime < query.startTime) {
    throw new OhlcvError(`binance klines endTime ${query.endTime} is before startTime ${query.startTime}`, {
      code: 'invalid_stream',
    });
  }
  const endTime =
    market === 'coinm' ? Math.min(query.endTime, query.startTime + COINM_MAX_SPAN_MS) : query.endTime;
  const url =
    `${klinesUrl(market, restBase)}?symbol=${encodeURIComponent(query.symbol)}&interval=${interval}` +
    `&startTime=${query.startTime}&endTime=${endTime}&limit=${query.limit}`;
  return { method: 'GET', url, weight: klinesWeight(market, query.limit) };
}
