import { type HttpResponse, type MarketType, type SymbolInfo, VenueHttpError } from '@ohlcv/core';
import { bybitCategory } from './bybit-category';
import { envelopeError, readEnvelope } from './bybit-errors';
import { unifiedSymbol } from './unified-symbol';

/**
 * Instruments of one `/v5/market/instruments-info` page; `next` is the `nextPageCursor` when the
 * page had rows and a cursor. Status `Trading` is active; `PreLaunch`, `Delivering`, `Closed` are not.
 * Volume is base everywhere after parsing (inverse uses turnover), so no contract size is reported.
 */
export function parseSymbols(
  market: MarketType,
  response: HttpResponse,
): { symbols: SymbolInfo[]; next?: string } {
  const envelope = readEnvelope(response);
  if (envelope === undefined) throw malformed(market, response, 'body is not a JSON object');
  if (envelope.retCode !== 0) {
    throw envelopeError(market, response, envelope, `instruments of category "${bybitCategory(market)}"`);
  }
  const result = envelope.result as { list?: unknown; nextPageCursor?: unknown } | null | undefined;
  const list = result?.list;
  if (!Array.isArray(list)) throw malformed(market, response, 'result.list is not an array');

  const symbols: SymbolInfo[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const entry = item as Record<string, unknown>;
    const symbol = text(entry.symbol);
    const base = text(entry.baseCoin);
    const quote = text(entry.quoteCoin);
    if (!symbol || !base || !quote) continue;
    const settle = market === 'spot' ? undefined : text(entry.settleCoin);
    const status = text(entry.status) ?? '';
    const deliveryTime = Number(entry.deliveryTime);
    symbols.push({
      symbol,
      unified: unifiedSymbol(market, {
        base,
        quote,
        settle,
        contractType: text(entry.contractType),
        deliveryTime: Number.isFinite(deliveryTime) ? deliveryTime : undefined,
      }),
      base,
      quote,
      settle: settle ?? (market === 'spot' ? undefined : market === 'coinm' ? base : quote),
      market,
      status,
      active: status === 'Trading',
    });
  }
  const cursor = text(result?.nextPageCursor);
  return cursor && symbols.length > 0 ? { symbols, next: cursor } : { symbols };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function malformed(market: MarketType, response: HttpResponse, reason: string): VenueHttpError {
  return new VenueHttpError({
    url: response.url,
    status: response.status,
    body: response.body,
    retryable: true,
    message: `bybit ${market} instruments response malformed: ${reason}`,
  });
}
