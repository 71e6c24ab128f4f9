import {
  type HttpRequest,
  type HttpResponse,
  type MarketType,
  OhlcvError,
  type SymbolInfo,
} from '@ohlcv/core';
import { httpError } from './http-error';
import { settleOf, symbolsPath, trimBase } from './market-paths';
import { isRecord, toNumber } from './parse-number';

/** The whole instrument list in one request (no `limit`: with one Gate pages at 100). */
export function symbolsRequest(market: MarketType, restBase: string, _cursor?: string): HttpRequest {
  return { method: 'GET', url: `${trimBase(restBase)}${symbolsPath(market)}`, weight: 1 };
}

function protocolError(market: MarketType, what: string, value: unknown): OhlcvError {
  return new OhlcvError(`gateio ${market} instruments: ${what}: ${JSON.stringify(value)?.slice(0, 200)}`, {
    code: 'venue_protocol',
  });
}

/** `/spot/currency_pairs` element: `id` BASE_QUOTE, `base`, `quote`, `trade_status`. */
function spotSymbol(value: unknown): SymbolInfo | undefined {
  if (!isRecord(value)) return undefined;
  const { id, base, quote, trade_status: status } = value;
  if (typeof id !== 'string' || typeof base !== 'string' || typeof quote !== 'string') return undefined;
  const statusWord = typeof status === 'string' ? status : 'unknown';
  return {
    symbol: id,
    unified: `${base}/${quote}`,
    base,
    quote,
    market: 'spot',
    status: statusWord,
    active: statusWord === 'tradable',
  };
}

/**
 * `/futures/{settle}/contracts` element: `name` BASE_QUOTE, `quanto_multiplier` (base per contract;
 * "0" on inverse BTC_USD where 1 contract = 1 USD → no contractSize), `in_delisting`, `status`.
 */
function futuresSymbol(market: MarketType, value: unknown): SymbolInfo | undefined {
  if (!isRecord(value) || typeof value.name !== 'string') return undefined;
  const name = value.name;
  const at = name.lastIndexOf('_');
  if (at <= 0 || at === name.length - 1) return undefined;
  const base = name.slice(0, at);
  const quote = name.slice(at + 1);
  const settle = settleOf(market).toUpperCase();
  const status =
    typeof value.status === 'string' ? value.status : value.in_delisting === true ? 'delisting' : 'trading';
  const info: SymbolInfo = {
    symbol: name,
    unified: `${base}/${quote}:${settle}`,
    base,
    quote,
    settle,
    market,
    status,
    active: status === 'trading' && value.in_delisting !== true,
  };
  const multiplier = toNumber(value.quanto_multiplier);
  if (multiplier > 0) info.contractSize = multiplier;
  return info;
}

export function parseSymbols(market: MarketType, response: HttpResponse): { symbols: SymbolInfo[] } {
  if (response.status < 200 || response.status > 299) throw httpError(market, response);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw protocolError(market, 'body is not JSON', response.body.slice(0, 200));
  }
  if (!Array.isArray(body)) throw protocolError(market, 'body is not an array', body);
  const symbols: SymbolInfo[] = [];
  for (const value of body as unknown[]) {
    const info = market === 'spot' ? spotSymbol(value) : futuresSymbol(market, value);
    if (info === undefined) throw protocolError(market, 'malformed instrument', value);
    symbols.push(info);
  }
  return { symbols };
}
