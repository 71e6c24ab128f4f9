import {
  type Candle,
  type CandlesQuery,
  closeTimeOf,
  type HttpResponse,
  type MarketType,
  VenueHttpError,
} from '@ohlcv/core';
import { envelopeError, readEnvelope } from './bybit-errors';
import { toBybitInterval } from './bybit-intervals';

/**
 * Candles of a `/v5/market/kline` response, ascending, within the query window. Rows come newest
 * first as `[start, open, high, low, close, volume, turnover]` strings. A row is closed when a
 * later row exists or its close time is before the venue clock (envelope `time`, else `date`);
 * the newest row is otherwise the open candle. Inverse swaps volume (USD contracts) and turnover (base).
 */
export function parseCandles(market: MarketType, query: CandlesQuery, response: HttpResponse): Candle[] {
  const envelope = readEnvelope(response);
  if (envelope === undefined) throw malformed(market, response, 'body is not a JSON object');
  if (envelope.retCode !== 0) {
    const subject = `symbol "${query.symbol}", interval "${query.interval}" (bybit "${toBybitInterval(market, query.interval)}")`;
    throw envelopeError(market, response, envelope, subject);
  }
  const list = (envelope.result as { list?: unknown } | null | undefined)?.list;
  if (!Array.isArray(list)) throw malformed(market, response, 'result.list is not an array');

  const all: Candle[] = [];
  const inverse = market === 'coinm';
  for (const row of list) {
    if (!Array.isArray(row) || row.length < 7)
      throw malformed(market, response, 'a row is not a 7-field array');
    const openTime = Number(row[0]);
    const open = Number(row[1]);
    const high = Number(row[2]);
    const low = Number(row[3]);
    const close = Number(row[4]);
    const volume = Number(row[5]);
    const turnover = Number(row[6]);
    if (![openTime, open, high, low, close, volume, turnover].every(Number.isFinite)) {
      throw malformed(market, response, `row ${JSON.stringify(row)} has a non-numeric field`);
    }
    all.push({
      exchange: 'bybit',
      market,
      symbol: query.symbol,
      interval: query.interval,
      openTime,
      closeTime: closeTimeOf(query.interval, openTime),
      open,
      high,
      low,
      close,
      volume: inverse ? turnover : volume,
      quoteVolume: inverse ? volume : turnover,
      closed: false,
    });
  }
  all.sort((left, right) => left.openTime - right.openTime);

  const venueTime = envelope.venueTime;
  const candles: Candle[] = [];
  for (let index = 0; index < all.length; index++) {
    const candle = all[index]!;
    const next = all[index + 1];
    if (next !== undefined && next.openTime === candle.openTime) continue;
    if (candle.openTime < query.startTime || candle.openTime > query.endTime) continue;
    candle.closed = next !== undefined || (venueTime !== undefined && candle.closeTime < venueTime);
    candles.push(candle);
  }
  return candles;
}

function malformed(market: MarketType, response: HttpResponse, reason: string): VenueHttpError {
  return new VenueHttpError({
    url: response.url,
    status: response.status,
    body: response.body,
    retryable: true,
    message: `bybit ${market} kline response malformed: ${reason}`,
  });
}
