import {
  type Candle,
  type CandlesQuery,
  type HttpResponse,
  type InstrumentIndex,
  type MarketType,
  OhlcvError,
  venueTimeOf,
} from '@ohlcv/core';
import { candleOfRow } from './candle-row';
import { okxHttpError } from './http-error';
import { isRecord, snippet } from './values';

function protocolError(market: MarketType, response: HttpResponse, detail: string): OhlcvError {
  return new OhlcvError(`okx ${market} candles from ${response.url}: ${detail}`, { code: 'venue_protocol' });
}

/**
 * Candles of a `candles`/`history-candles` response, ascending by open time, within the query's
 * window. Body `{"code":"0","msg":"","data":[[ts,o,h,l,c,vol,volCcy,volCcyQuote,confirm],…]}`,
 * newest first. A `code` other than `"0"` throws {@link okxHttpError} even on HTTP 200 (50011 comes
 * both ways).
 *
 * Closed: `confirm` `"1"` on 9-element rows. A 7-element row (no confirm) is closed when a newer row
 * exists in the response or its closeTime is before the venue's clock (`Date` header); otherwise open.
 */
export function parseOkxCandles(
  market: MarketType,
  query: CandlesQuery,
  response: HttpResponse,
  _instruments?: InstrumentIndex,
): Candle[] {
  if (response.status < 200 || response.status >= 300) throw okxHttpError(market, response);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw protocolError(market, response, `body is not JSON: ${snippet(response.body)}`);
  }
  if (!isRecord(body)) throw protocolError(market, response, 'body is not a JSON object');
  if (body.code !== '0' && body.code !== 0) throw okxHttpError(market, response);
  const rows = body.data;
  if (!Array.isArray(rows)) throw protocolError(market, response, 'body has no "data" array');
  const now = venueTimeOf(response);
  const parsed: Candle[] = new Array(rows.length);
  const unflagged: boolean[] = new Array(rows.length);
  let newestOpenTime = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < rows.length; index++) {
    const row: unknown = rows[index];
    const candle = Array.isArray(row)
      ? candleOfRow(market, query.symbol, query.interval, row)
      : 'not an array';
    if (typeof candle === 'string') {
      throw protocolError(market, response, `row ${index}: ${candle}: ${snippet(JSON.stringify(row) ?? '')}`);
    }
    parsed[index] = candle;
    unflagged[index] = (row as unknown[]).length < 9;
    if (candle.openTime > newestOpenTime) newestOpenTime = candle.openTime;
  }
  const candles: Candle[] = [];
  for (let index = 0; index < parsed.length; index++) {
    const candle = parsed[index]!;
    // No confirm flag: closed once a newer row exists or the venue's clock is past its close.
    if (unflagged[index]) {
      candle.closed = candle.openTime < newestOpenTime || (now !== undefined && candle.closeTime < now);
    }
    if (candle.openTime >= query.startTime && candle.openTime <= query.endTime) candles.push(candle);
  }
  candles.sort((a, b) => a.openTime - b.openTime);
  let kept = 0;
  for (let index = 0; index < candles.length; index++) {
    const candle = candles[index]!;
    const previous = kept > 0 ? candles[kept - 1]! : undefined;
    if (previous !== undefined && previous.openTime === candle.openTime) {
      // The same candle twice: the confirmed row wins.
      if (candle.closed && !previous.closed) candles[kept - 1] = candle;
      continue;
    }
    candles[kept++] = candle;
  }
  candles.length = kept;
  return candles;
}
