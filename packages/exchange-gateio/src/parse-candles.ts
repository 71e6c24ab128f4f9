import {
  type Candle,
  type CandlesQuery,
  closeTimeOf,
  type HttpResponse,
  type InstrumentIndex,
  type MarketType,
  OhlcvError,
  venueTimeOf,
} from '@ohlcv/core';
import { contractVolume } from './contract-volume';
import { httpError } from './http-error';
import { isRecord, toNumber } from './parse-number';

/** A row before closed-ness is judged; `flag` is the spot row's window-closed flag when present. */
interface Row {
  candle: Candle;
  flag: boolean | undefined;
}

function protocolError(market: MarketType, query: CandlesQuery, what: string, value: unknown): OhlcvError {
  return new OhlcvError(
    `gateio ${market} candles for ${query.symbol}: ${what}: ${JSON.stringify(value)?.slice(0, 200)}`,
    { code: 'venue_protocol' },
  );
}

function candleOf(
  market: MarketType,
  query: CandlesQuery,
  openTimeSeconds: number,
  open: number,
  high: number,
  low: number,
  close: number,
): Candle | undefined {
  const openTime = openTimeSeconds * 1000;
  if (!Number.isInteger(openTime) || Number.isNaN(open + high + low + close)) return undefined;
  return {
    exchange: 'gateio',
    market,
    symbol: query.symbol,
    interval: query.interval,
    openTime,
    closeTime: closeTimeOf(query.interval, openTime),
    open,
    high,
    low,
    close,
    volume: 0,
    closed: false,
  };
}

/**
 * Spot row, string array "from left to right": 0 open time (s), 1 quote volume, 2 close, 3 high,
 * 4 low, 5 open, 6 base volume, 7 window closed ("true"/"false"). Seen with 7 elements too: either
 * without the flag, or (docs example) with the flag at 6 and no base volume — then base volume is
 * approximated as quote ÷ close.
 */
function spotRow(query: CandlesQuery, value: unknown): Row | undefined {
  if (!Array.isArray(value) || value.length < 7) return undefined;
  const candle = candleOf(
    'spot',
    query,
    toNumber(value[0]),
    toNumber(value[5]),
    toNumber(value[3]),
    toNumber(value[4]),
    toNumber(value[2]),
  );
  const quoteVolume = toNumber(value[1]);
  if (candle === undefined || Number.isNaN(quoteVolume)) return undefined;
  const sixth: unknown = value[6];
  let flag: boolean | undefined;
  let volume: number;
  if (sixth === 'true' || sixth === 'false' || typeof sixth === 'boolean') {
    flag = sixth === 'true' || sixth === true;
    volume = candle.close > 0 ? quoteVolume / candle.close : 0;
  } else {
    volume = toNumber(sixth);
    const seventh: unknown = value[7];
    if (seventh !== undefined) flag = seventh === 'true' || seventh === true;
  }
  if (Number.isNaN(volume)) return undefined;
  candle.volume = volume;
  candle.quoteVolume = quoteVolume;
  return { candle, flag };
}

/** Futures row `{t, v, c, h, l, o, sum}`: `t` seconds, `v` contracts, `sum` quote volume. No closed flag. */
function futuresRow(
  market: MarketType,
  query: CandlesQuery,
  value: unknown,
  contractSize: number | undefined,
): Row | undefined {
  if (!isRecord(value)) return undefined;
  const candle = candleOf(
    market,
    query,
    toNumber(value.t),
    toNumber(value.o),
    toNumber(value.h),
    toNumber(value.l),
    toNumber(value.c),
  );
  const contracts = toNumber(value.v);
  if (candle === undefined || Number.isNaN(contracts)) return undefined;
  const volume = contractVolume(market, contracts, candle.close, contractSize);
  if (volume === undefined) {
    throw new OhlcvError(
      `gateio ${market} ${query.symbol}: contract size (quanto_multiplier) unknown, cannot turn contracts into base volume; pass the instrument list`,
      { code: 'invalid_symbol' },
    );
  }
  candle.volume = volume.volume;
  const sum = toNumber(value.sum);
  if (volume.quoteVolume !== undefined) candle.quoteVolume = volume.quoteVolume;
  else if (!Number.isNaN(sum)) candle.quoteVolume = sum;
  return { candle, flag: undefined };
}

/**
 * Candles of a 2xx response within the query window, ascending. Closed when the venue says so: the
 * spot flag where present; otherwise a later row in the response, or a close time before the
 * response's `Date` header (the venue's clock). Never the local clock.
 */
export function parseCandles(
  market: MarketType,
  query: CandlesQuery,
  response: HttpResponse,
  instruments?: InstrumentIndex,
): Candle[] {
  if (response.status < 200 || response.status > 299) throw httpError(market, response);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw protocolError(market, query, 'body is not JSON', response.body.slice(0, 200));
  }
  if (!Array.isArray(body)) throw protocolError(market, query, 'body is not an array', body);
  const contractSize = market === 'spot' ? undefined : instruments?.get(query.symbol)?.contractSize;
  const rows: Row[] = [];
  for (const value of body as unknown[]) {
    const row = market === 'spot' ? spotRow(query, value) : futuresRow(market, query, value, contractSize);
    if (row === undefined) throw protocolError(market, query, 'malformed row', value);
    if (row.candle.openTime >= query.startTime && row.candle.openTime <= query.endTime) rows.push(row);
  }
  rows.sort((a, b) => a.candle.openTime - b.candle.openTime);
  const venueNow = venueTimeOf(response) ?? Number.NaN;
  const candles: Candle[] = [];
  for (let index = 0; index < rows.length; index++) {
    const { candle, flag } = rows[index]!;
    if (flag !== undefined) candle.closed = flag;
    else candle.closed = index < rows.length - 1 || candle.closeTime < venueNow;
    if (index > 0 && candles[candles.length - 1]!.openTime === candle.openTime) {
      candles[candles.length - 1] = candle;
    } else {
      candles.push(candle);
    }
  }
  return candles;
}
