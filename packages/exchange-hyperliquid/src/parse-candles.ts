import {
  type Candle,
  type CandlesQuery,
  type HttpResponse,
  type MarketType,
  OhlcvError,
  VenueHttpError,
  venueTimeOf,
} from '@ohlcv/core';
import { candleFromRow } from './candle-row';
import { hyperliquidHttpError } from './http-error';
import { isRecord, snippet } from './values';

function protocolError(market: MarketType, message: string, response: HttpResponse): OhlcvError {
  return new OhlcvError(`hyperliquid ${market} candleSnapshot from ${response.url}: ${message}`, {
    code: 'venue_protocol',
  });
}

/**
 * Candles of a candleSnapshot response, ascending by openTime, limited to open times in
 * [query.startTime, query.endTime] (the venue also returns the candle containing startTime).
 * The venue sends no closed flag, so a row is closed when a later row exists in the response or
 * its close time is before the response `Date` (the venue's clock); otherwise `closed: false`.
 */
export function parseHyperliquidCandles(
  market: MarketType,
  query: CandlesQuery,
  response: HttpResponse,
): Candle[] {
  if (response.status < 200 || response.status > 299) throw hyperliquidHttpError(market, response);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw protocolError(market, `body is not JSON: ${snippet(response.body)}`, response);
  }
  if (body === null) {
    throw new VenueHttpError({
      url: response.url,
      status: response.status,
      body: response.body,
      retryable: false,
      message: `hyperliquid ${market} has no candles for coin "${query.symbol}" (answer null: unknown coin?)`,
    });
  }
  if (!Array.isArray(body))
    throw protocolError(market, `expected an array of candles: ${snippet(response.body)}`, response);
  const venueNow = venueTimeOf(response) ?? Number.NaN;
  const rows: Candle[] = [];
  for (const row of body) {
    const candle = isRecord(row) ? candleFromRow(market, row, false) : 'row is not an object';
    if (typeof candle === 'string') throw protocolError(market, candle, response);
    if (candle.interval !== query.interval) {
      throw protocolError(
        market,
        `row interval ${candle.interval} for a ${query.interval} request`,
        response,
      );
    }
    rows.push(candle);
  }
  let ordered = true;
  for (let index = 1; index < rows.length; index++) {
    if (rows[index]!.openTime <= rows[index - 1]!.openTime) ordered = false;
  }
  if (!ordered) {
    rows.sort((left, right) => left.openTime - right.openTime);
    // Same open time twice: keep the later row (the fuller state of that candle).
    for (let index = rows.length - 1; index > 0; index--) {
      if (rows[index]!.openTime === rows[index - 1]!.openTime) rows.splice(index - 1, 1);
    }
  }
  const candles: Candle[] = [];
  const last = rows.length - 1;
  for (let index = 0; index <= last; index++) {
    const candle = rows[index]!;
    candle.closed = index < last || (!Number.isNaN(venueNow) && candle.closeTime < venueNow);
    if (candle.openTime >= query.startTime && candle.openTime <= query.endTime) candles.push(candle);
  }
  return candles;
}
