import type { CandlesQuery, HttpRequest, MarketType } from '@ohlcv/core';
import { OhlcvError } from '@ohlcv/core';
import { hyperliquidInterval } from './hyperliquid-interval';
import { hyperliquidInfoUrl, JSON_HEADERS } from './hyperliquid-urls';

/** Every `info` request weighs 20; candleSnapshot adds one per 60 rows returned (counted on `limit`). */
export const INFO_WEIGHT = 20;
const ROWS_PER_EXTRA_WEIGHT = 60;

export function candleSnapshotWeight(rows: number): number {
  return INFO_WEIGHT + Math.floor(Math.max(0, rows) / ROWS_PER_EXTRA_WEIGHT);
}

/**
 * `POST /info {"type":"candleSnapshot","req":{coin,interval,startTime,endTime}}`. The venue returns
 * every candle overlapping [startTime, endTime], so endTime = the last open time wanted. A negative
 * startTime draws a 422 from the venue; there is nothing before 0, so it is sent as 0.
 */
export function hyperliquidCandlesRequest(
  market: MarketType,
  restBase: string,
  query: CandlesQuery,
): HttpRequest {
  const interval = hyperliquidInterval(market, query.interval);
  if (typeof query.symbol !== 'string' || query.symbol.length === 0) {
    throw new OhlcvError(
      `hyperliquid ${market} candleSnapshot: invalid coin ${JSON.stringify(query.symbol)}`,
      {
        code: 'invalid_symbol',
      },
    );
  }
  if (
    !Number.isSafeInteger(query.startTime) ||
    !Number.isSafeInteger(query.endTime) ||
    query.endTime < query.startTime
  ) {
    throw new OhlcvError(
      `hyperliquid ${market} candleSnapshot: invalid window startTime=${query.startTime} endTime=${query.endTime}`,
      { code: 'invalid_stream' },
    );
  }
  const startTime = Math.max(0, query.startTime);
  const endTime = Math.max(0, query.endTime);
  return {
    method: 'POST',
    url: hyperliquidInfoUrl(restBase),
    headers: { ...JSON_HEADERS },
    body: JSON.stringify({
      type: 'candleSnapshot',
      req: { coin: query.symbol, interval, startTime, endTime },
    }),
    weight: candleSnapshotWeight(query.limit),
  };
}
