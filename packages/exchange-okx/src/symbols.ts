import {
  type HttpRequest,
  type HttpResponse,
  type MarketType,
  OhlcvError,
  type SymbolInfo,
} from '@ohlcv/core';
import { okxHttpError } from './http-error';
import { marketSpec } from './market-specs';
import { unifiedOkxSymbol } from './okx-symbols';
import { decimal, isRecord, text } from './values';

export const INSTRUMENTS_PATH = '/api/v5/public/instruments';
/** 20 requests / 2 s per instType, against the 40 / 2 s weight budget. */
export const INSTRUMENTS_WEIGHT = 2;

type InstType = 'SPOT' | 'SWAP' | 'FUTURES';

/** `ctType` of the contracts each derivative market holds. */
const CONTRACT_TYPE: Record<Exclude<MarketType, 'spot'>, string> = { usdm: 'linear', coinm: 'inverse' };

function instTypeOf(market: MarketType, cursor: string | undefined): InstType {
  if (market === 'spot') {
    if (cursor !== undefined)
      throw new OhlcvError(`okx spot instruments have one page, got cursor "${cursor}"`, { code: 'config' });
    return 'SPOT';
  }
  if (cursor === undefined || cursor === 'SWAP') return 'SWAP';
  if (cursor === 'FUTURES') return 'FUTURES';
  throw new OhlcvError(`okx ${market} instruments cursor must be SWAP or FUTURES, got "${cursor}"`, {
    code: 'config',
  });
}

/**
 * `GET /api/v5/public/instruments?instType=…`. spot: SPOT. usdm/coinm: two pages through the
 * cursor — SWAP first, then FUTURES — filtered by `ctType` when parsed.
 */
export function okxSymbolsRequest(market: MarketType, restBase: string, cursor?: string): HttpRequest {
  marketSpec(market);
  const instType = instTypeOf(market, cursor);
  return {
    method: 'GET',
    url: `${restBase.replace(/\/+$/, '')}${INSTRUMENTS_PATH}?instType=${instType}`,
    weight: INSTRUMENTS_WEIGHT,
  };
}

function requestedInstType(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('instType') ?? undefined;
  } catch {
    return undefined;
  }
}

/** `BTC` and `USDT` of a derivative: `instFamily` (`BTC-USDT`), else `uly`, else the instId's first two parts. */
function pairOf(row: Record<string, unknown>, instId: string): [string, string] | undefined {
  const family = text(row.instFamily) ?? text(row.uly) ?? instId;
  const [base, quote] = family.split('-');
  return base && quote ? [base, quote] : undefined;
}

function symbolOfRow(market: MarketType, row: Record<string, unknown>): SymbolInfo | undefined {
  const symbol = text(row.instId);
  // New listings appear as `preopen` rows with an empty instId: skip them.
  if (symbol === undefined) return undefined;
  const status = text(row.state) ?? 'unknown';
  if (market === 'spot') {
    const base = text(row.baseCcy);
    const quote = text(row.quoteCcy);
    if (base === undefined || quote === undefined) return undefined;
    return {
      symbol,
      unified: unifiedOkxSymbol({ symbol, base, quote }),
      base,
      quote,
      market,
      status,
      active: status === 'live',
    };
  }
  if (row.ctType !== CONTRACT_TYPE[market]) return undefined;
  const pair = pairOf(row, symbol);
  const settle = text(row.settleCcy);
  if (pair === undefined || settle === undefined) return undefined;
  const [base, quote] = pair;
  const info: SymbolInfo = {
    symbol,
    unified: unifiedOkxSymbol({ symbol, base, quote, settle }),
    base,
    quote,
    settle,
    market,
    status,
    active: status === 'live',
  };
  // ctVal in ctValCcy: base units on linear contracts, USD on inverse ones (like Binance COIN-M's contractSize).
  const contractValue = decimal(row.ctVal);
  if (Number.isFinite(contractValue) && contractValue > 0) info.contractSize = contractValue;
  return info;
}

/**
 * Instruments of one page. spot: every SPOT row. usdm: SWAP/FUTURES rows with `ctType` linear
 * (USDT/USDC-settled); coinm: `ctType` inverse (coin-settled). `active` = `state` live; rows with an
 * empty instId (pre-open listings) are skipped. After the SWAP page of a derivative market, `next`
 * is `FUTURES`.
 */
export function parseOkxSymbols(
  market: MarketType,
  response: HttpResponse,
): { symbols: SymbolInfo[]; next?: string } {
  if (response.status < 200 || response.status >= 300) throw okxHttpError(market, response);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = undefined;
  }
  if (!isRecord(body)) {
    throw new OhlcvError(`okx ${market} instruments from ${response.url}: body is not a JSON object`, {
      code: 'venue_protocol',
    });
  }
  if (body.code !== '0' && body.code !== 0) throw okxHttpError(market, response);
  if (!Array.isArray(body.data)) {
    throw new OhlcvError(`okx ${market} instruments from ${response.url}: body has no "data" array`, {
      code: 'venue_protocol',
    });
  }
  const symbols: SymbolInfo[] = [];
  for (const row of body.data as unknown[]) {
    if (!isRecord(row)) continue;
    const info = symbolOfRow(market, row);
    if (info !== undefined) symbols.push(info);
  }
  const instType =
    requestedInstType(response.url) ?? (isRecord(body.data[0]) ? body.data[0].instType : undefined);
  return market !== 'spot' && instType === 'SWAP' ? { symbols, next: 'FUTURES' } : { symbols };
}
