import {
  type HttpRequest,
  type HttpResponse,
  type MarketType,
  OhlcvError,
  type SymbolInfo,
} from '@ohlcv/core';
import { unifiedBinanceSymbol } from './binance-symbols';
import { exchangeInfoUrl } from './binance-urls';
import { binanceHttpError } from './http-error';
import { isRecord } from './venue-values';

/** `GET …/exchangeInfo`: weight 20 on spot, 1 on the futures hosts; one page (no cursor). */
export function binanceSymbolsRequest(market: MarketType, restBase: string): HttpRequest {
  return { method: 'GET', url: exchangeInfoUrl(market, restBase), weight: market === 'spot' ? 20 : 1 };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Instruments of an exchangeInfo body. Status is `status` (spot, USDⓈ-M) or `contractStatus`
 * (COIN-M); active = `TRADING`. Settle = `marginAsset` on futures; contractSize (USD per contract)
 * on COIN-M. Entries without symbol/baseAsset/quoteAsset are skipped.
 */
export function parseBinanceSymbols(market: MarketType, response: HttpResponse): { symbols: SymbolInfo[] } {
  if (response.status < 200 || response.status >= 300) throw binanceHttpError(market, response);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = undefined;
  }
  if (!isRecord(body) || !Array.isArray(body.symbols)) {
    if (isRecord(body) && 'code' in body) throw binanceHttpError(market, response);
    throw new OhlcvError(`binance ${market} exchangeInfo from ${response.url}: body has no "symbols" array`, {
      code: 'venue_protocol',
    });
  }
  const symbols: SymbolInfo[] = [];
  for (const entry of body.symbols as unknown[]) {
    if (!isRecord(entry)) continue;
    const symbol = text(entry.symbol);
    const base = text(entry.baseAsset);
    const quote = text(entry.quoteAsset);
    if (symbol === undefined || base === undefined || quote === undefined) continue;
    const status =
      text(market === 'coinm' ? (entry.contractStatus ?? entry.status) : entry.status) ?? 'UNKNOWN';
    const settle = market === 'spot' ? undefined : text(entry.marginAsset);
    const info: SymbolInfo = {
      symbol,
      unified: unifiedBinanceSymbol(market, { symbol, base, quote, settle }),
      base,
      quote,
      market,
      status,
      active: status === 'TRADING',
    };
    if (settle !== undefined) info.settle = settle;
    if (market === 'coinm' && typeof entry.contractSize === 'number' && entry.contractSize > 0) {
      info.contractSize = entry.contractSize;
    }
    symbols.push(info);
  }
  return { symbols };
}
