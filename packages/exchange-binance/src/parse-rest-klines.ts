import {
  type Candle,
  type CandlesQuery,
  type HttpResponse,
  type InstrumentIndex,
  isFiniteOhlcv,
  type MarketType,
  OhlcvError,
  venueTimeOf,
} from '@ohlcv/core';
import { binanceHttpError } from './http-error';
import { contractSizeOf, decimal, integer, isRecord } from './venue-values';

function protocolError(market: MarketType, response: HttpResponse, detail: string): OhlcvError {
  return new OhlcvError(`binance ${market} klines from ${response.url}: ${detail}`, {
    code: 'venue_protocol',
  });
}

/**
 * Candles of a klines response, ascending by open time. Row: [openTime, open, high, low, close,
 * volume, closeTime, quoteVolume, trades, takerBuyBase, takerBuyQuote, ignore]. On COIN-M index 5 is
 * contracts and index 7 base volume, so volume = row[7] and quoteVolume (USD) = contracts × contractSize.
 *
 * Closed: a row is final when a later row exists, or when its closeTime is before the venue's clock
 * (the `Date` header; rounded down to the second, so never early). Without a `Date` header the last
 * row is reported open — it may be the still-forming candle.
 */
export function parseBinanceCandles(
  market: MarketType,
  query: CandlesQuery,
  response: HttpResponse,
  instruments?: InstrumentIndex,
): Candle[] {
  if (response.status < 200 || response.status >= 300) throw binanceHttpError(market, response);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw protocolError(market, response, `body is not JSON: ${response.body.slice(0, 120)}`);
  }
  if (!Array.isArray(body)) {
    if (isRecord(body) && 'code' in body) throw binanceHttpError(market, response);
    throw protocolError(market, response, 'body is not an array of rows');
  }
  const now = venueTimeOf(response);
  const contractSize = market === 'coinm' ? contractSizeOf(instruments, query.symbol) : undefined;
  const last = body.length - 1;
  const candles: Candle[] = new Array(body.length);
  let ascending = true;
  for (let index = 0; index <= last; index++) {
    const row: unknown = body[index];
    if (!Array.isArray(row) || row.length < 9) {
      throw protocolError(market, response, `row ${index} is not a kline row: ${JSON.stringify(row)}`);
    }
    const openTime = integer(row[0]);
    const closeTime = integer(row[6]);
    const open = decimal(row[1]);
    const high = decimal(row[2]);
    const low = decimal(row[3]);
    const close = decimal(row[4]);
    const volume = decimal(market === 'coinm' ? row[7] : row[5]);
    const other = decimal(market === 'coinm' ? row[5] : row[7]);
    const trades = integer(row[8]);
    if (Number.isNaN(openTime) || Number.isNaN(closeTime) || !isFiniteOhlcv(open, high, low, close, volume)) {
      throw protocolError(
        market,
        response,
        `row ${index} has missing or invalid fields: ${JSON.stringify(row)}`,
      );
    }
    const candle: Candle = {
      exchange: 'binance',
      market,
      symbol: query.symbol,
      interval: query.interval,
      openTime,
      closeTime,
      open,
      high,
      low,
      close,
      volume,
      closed: index < last || (now !== undefined && closeTime < now),
    };
    if (market !== 'coinm') {
      if (Number.isFinite(other)) candle.quoteVolume = other;
    } else if (contractSize !== undefined && Number.isFinite(other)) {
      candle.quoteVolume = other * contractSize;
    }
    if (!Number.isNaN(trades)) candle.trades = trades;
    if (index > 0 && openTime <= candles[index - 1]!.openTime) ascending = false;
    candles[index] = candle;
  }
  if (!ascending) {
    candles.sort((a, b) => a.openTime - b.openTime);
    // After sorting, only the newest row can still be open.
    for (let index = 0; index < last; index++) candles[index]!.closed = true;
    const newest = candles[last]!;
    newest.closed = now !== undefined && newest.closeTime < now;
  }
  return candles;
}
