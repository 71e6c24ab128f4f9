import {
  type CandlesQuery,
  type HttpRequest,
  type Interval,
  intervalMs,
  type MarketType,
  OhlcvError,
} from '@ohlcv/core';
import { marketSpec } from './market-specs';
import { okxBar } from './okx-intervals';

/** `candles` serves only the latest 1,440 rows; history-candles everything (1s: the last 3 months). */
export const OKX_RECENT_ROWS = 1_440;
/** Rows of `candles` we trust a window to fall in: 1,440 less room for clock skew and the window itself. */
const RECENT_ROWS_TRUSTED = 1_200;

export const CANDLES_PATH = '/api/v5/market/candles';
export const HISTORY_CANDLES_PATH = '/api/v5/market/history-candles';

/** Weight of one call: `candles` 40 requests / 2 s → 1; `history-candles` 20 / 2 s → 2 (budget 40 / 2 s). */
export const CANDLES_WEIGHT = 1;
export const HISTORY_CANDLES_WEIGHT = 2;

/**
 * Which endpoint serves a window. `history-candles` always works; `candles` (twice the rate) only
 * for windows within the latest 1,440 rows of the venue's *now* — and a request has no venue clock.
 * An out-of-range `candles` call answers an empty page, indistinguishable from "no candles": silent
 * loss. So without `venueNow` the answer is `history-candles`; with it, `candles` for windows
 * starting within the latest 1,200 bars (never for `1s`, which `candles` refuses).
 */
export function okxCandlesPath(interval: Interval, startTime: number, venueNow?: number): string {
  if (venueNow === undefined || interval === '1s') return HISTORY_CANDLES_PATH;
  return startTime >= venueNow - RECENT_ROWS_TRUSTED * intervalMs(interval)
    ? CANDLES_PATH
    : HISTORY_CANDLES_PATH;
}

function checkTime(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new OhlcvError(`okx candles ${name} must be a non-negative integer ms timestamp, got ${value}`, {
      code: 'invalid_stream',
    });
  }
}

/**
 * `GET /api/v5/market/history-candles` (or `candles`, see {@link okxCandlesPath}) for one window of
 * open times [startTime, endTime]. OKX pages newest-first with exclusive bounds: `after` = "older
 * than", `before` = "newer than", so the inclusive window is `after=endTime+1&before=startTime-1`.
 */
export function okxCandlesRequest(
  market: MarketType,
  restBase: string,
  query: CandlesQuery,
  venueNow?: number,
): HttpRequest {
  const spec = marketSpec(market);
  const bar = okxBar(market, query.interval);
  const max = spec.rest.maxCandlesPerRequest;
  if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > max) {
    throw new OhlcvError(`okx ${market} candles limit must be an integer in 1..${max}, got ${query.limit}`, {
      code: 'limit_exceeded',
    });
  }
  checkTime('startTime', query.startTime);
  checkTime('endTime', query.endTime);
  if (query.endTime < query.startTime) {
    throw new OhlcvError(`okx candles endTime ${query.endTime} is before startTime ${query.startTime}`, {
      code: 'invalid_stream',
    });
  }
  const path = okxCandlesPath(query.interval, query.startTime, venueNow);
  const url =
    `${restBase.replace(/\/+$/, '')}${path}?instId=${encodeURIComponent(query.symbol)}&bar=${bar}` +
    `&after=${query.endTime + 1}&before=${query.startTime - 1}&limit=${query.limit}`;
  return { method: 'GET', url, weight: path === CANDLES_PATH ? CANDLES_WEIGHT : HISTORY_CANDLES_WEIGHT };
}
