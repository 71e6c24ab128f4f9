import {
  type Candle,
  type CandlesQuery,
  closeTimeOf,
  type HttpRequest,
  type HttpResponse,
  isRecord,
  type MarketType,
  OhlcvError,
  parseDecimal,
  type SymbolInfo,
  venueIntervalId,
} from '@ohlcv/core';
import { TOY_SPOT } from './toy-market-spec';

/**
 * The toy venue's REST API: `GET /v1/candles?symbol&res&from&to&limit&ts` (res in seconds, from/to
 * inclusive open times in ms, `ts` the client's clock) → `{"rows":[[t,o,h,l,c,v,final]]}` ascending;
 * `GET /v1/symbols` → `{"symbols":[{"name","base","quote","status"}]}`. Errors: `{"error":"…"}` with
 * 400, 429 (+ Retry-After) or 5xx.
 */
export function toyCandlesRequest(
  _market: MarketType,
  restBase: string,
  query: CandlesQuery,
  now: number,
): HttpRequest {
  const res = venueIntervalId(TOY_SPOT, query.interval, 'rest');
  if (res === undefined)
    throw new OhlcvError(`toy has no interval "${query.interval}"`, { code: 'unsupported_interval' });
  const params = new URLSearchParams({
    symbol: query.symbol,
    res,
    from: String(query.startTime),
    to: String(query.endTime),
    limit: String(query.limit),
    ts: String(Math.floor(now)),
  });
  return { method: 'GET', url: `${restBase.replace(/\/+$/, '')}/v1/candles?${params}` };
}

function bodyOf(response: HttpResponse): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw new OhlcvError(`toy answered ${response.url} with a body that is not JSON`, { code: 'venue_http' });
  }
  if (!isRecord(body))
    throw new OhlcvError(`toy answered ${response.url} with a body that is not an object`, {
      code: 'venue_http',
    });
  return body;
}

export function parseToyCandles(market: MarketType, query: CandlesQuery, response: HttpResponse): Candle[] {
  const rows = bodyOf(response).rows;
  if (!Array.isArray(rows))
    throw new OhlcvError(`toy answered ${response.url} without rows`, { code: 'venue_http' });
  const candles: Candle[] = [];
  for (const row of rows) {
    if (!Array.isArray(row) || typeof row[0] !== 'number') continue;
    candles.push({
      exchange: 'toy',
      market,
      symbol: query.symbol,
      interval: query.interval,
      openTime: row[0],
      closeTime: closeTimeOf(query.interval, row[0]),
      open: parseDecimal(row[1]),
      high: parseDecimal(row[2]),
      low: parseDecimal(row[3]),
      close: parseDecimal(row[4]),
      volume: parseDecimal(row[5]),
      closed: row[6] === 1,
    });
  }
  return candles;
}

export function toySymbolsRequest(_market: MarketType, restBase: string): HttpRequest {
  return { method: 'GET', url: `${restBase.replace(/\/+$/, '')}/v1/symbols` };
}

export function parseToySymbols(market: MarketType, response: HttpResponse): { symbols: SymbolInfo[] } {
  const list = bodyOf(response).symbols;
  if (!Array.isArray(list))
    throw new OhlcvError(`toy answered ${response.url} without symbols`, { code: 'venue_http' });
  const symbols: SymbolInfo[] = [];
  for (const entry of list) {
    if (
      !isRecord(entry) ||
      typeof entry.name !== 'string' ||
      typeof entry.base !== 'string' ||
      typeof entry.quote !== 'string'
    )
      continue;
    const status = typeof entry.status === 'string' ? entry.status : 'unknown';
    symbols.push({
      symbol: entry.name,
      unified: `${entry.base}/${entry.quote}`,
      base: entry.base,
      quote: entry.quote,
      market,
      status,
      active: status === 'open',
    });
  }
  return { symbols };
}

/** `btc/usd`, `btc-usd` → `BTC-USD`; anything else is not a toy symbol. */
export function normalizeToySymbol(_market: MarketType, input: string): string {
  const symbol = input.trim().toUpperCase().replace('/', '-');
  if (/^[A-Z0-9]+-[A-Z0-9]+$/.test(symbol)) return symbol;
  throw new OhlcvError(`"${input}" is not a toy symbol: expected BASE-QUOTE or BASE/QUOTE, e.g. BTC-USD`, {
    code: 'invalid_stream',
  });
}
