import { type CandlesQuery, type HttpRequest, intervalMs, type MarketType, OhlcvError } from '@ohlcv/core';
import { gateInterval } from './intervals';
import { candlesPath, trimBase } from './market-paths';
import { marketSpec } from './market-specs';

/**
 * One page of candles. `from`/`to` are open times in seconds, both inclusive; `to` is capped so the
 * page holds at most `limit` (and the venue's maximum) points. `limit` is never sent: Gate rejects it
 * together with `from`/`to`.
 */
export function candlesRequest(market: MarketType, restBase: string, query: CandlesQuery): HttpRequest {
  const { symbol, interval, startTime, endTime } = query;
  const id = gateInterval(interval);
  if (!Number.isFinite(startTime) || !Number.isFinite(endTime) || startTime > endTime) {
    throw new OhlcvError(`gateio ${market} candles: invalid window ${startTime}..${endTime} for ${symbol}`, {
      code: 'invalid_stream',
    });
  }
  const count = Math.max(1, Math.min(query.limit, marketSpec(market).rest.maxCandlesPerRequest));
  const lastOpenTime = Math.min(endTime, startTime + (count - 1) * intervalMs(interval));
  const params = new URLSearchParams();
  params.set(market === 'spot' ? 'currency_pair' : 'contract', symbol);
  params.set('interval', id);
  params.set('from', String(Math.floor(startTime / 1000)));
  params.set('to', String(Math.floor(lastOpenTime / 1000)));
  return {
    method: 'GET',
    url: `${trimBase(restBase)}${candlesPath(market)}?${params.toString()}`,
    weight: 1,
  };
}
