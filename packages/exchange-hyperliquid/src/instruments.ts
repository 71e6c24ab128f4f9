import {
  type HttpRequest,
  type HttpResponse,
  type MarketType,
  OhlcvError,
  type SymbolInfo,
} from '@ohlcv/core';
import { INFO_WEIGHT } from './candles-request';
import { hyperliquidHttpError } from './http-error';
import { hyperliquidInfoUrl, JSON_HEADERS } from './hyperliquid-urls';
import { marketSpec } from './market-specs';
import { isRecord, snippet } from './values';

/** Perpetuals are margined and settled in USDC (first perp dex). */
const PERP_QUOTE = 'USDC';

/**
 * One page per market: `{"type":"meta"}` (first-dex perpetuals) or `{"type":"spotMeta"}` (tokens +
 * pairs). Both weigh 20. The venue does not page these, so `cursor` is never set.
 */
export function hyperliquidSymbolsRequest(market: MarketType, restBase: string): HttpRequest {
  marketSpec(market);
  return {
    method: 'POST',
    url: hyperliquidInfoUrl(restBase),
    headers: { ...JSON_HEADERS },
    body: market === 'usdm' ? '{"type":"meta"}' : '{"type":"spotMeta"}',
    weight: INFO_WEIGHT,
  };
}

function protocolError(market: MarketType, message: string, response: HttpResponse): OhlcvError {
  return new OhlcvError(`hyperliquid ${market} instruments from ${response.url}: ${message}`, {
    code: 'venue_protocol',
  });
}

/**
 * ccxt-style unified symbol of a perp coin: `BTC` → `BTC/USDC:USDC`, `kPEPE` → `KPEPE/USDC:USDC`
 * (ccxt uppercases the base), HIP-3 `xyz:XYZ100` → `XYZ-XYZ100/USDC:USDC`.
 */
export function perpUnifiedSymbol(coin: string): string {
  return `${coin.replace(':', '-').toUpperCase()}/${PERP_QUOTE}:${PERP_QUOTE}`;
}

/** `meta.universe[]`: `{name, szDecimals, maxLeverage, isDelisted?}`; the coin is `name`, case-sensitive. */
function perpSymbols(body: Record<string, unknown>, response: HttpResponse): SymbolInfo[] {
  const universe = body.universe;
  if (!Array.isArray(universe))
    throw protocolError('usdm', `meta without "universe": ${snippet(response.body)}`, response);
  const symbols: SymbolInfo[] = [];
  for (const asset of universe) {
    if (!isRecord(asset) || typeof asset.name !== 'string' || asset.name.length === 0) {
      throw protocolError('usdm', `meta asset without a name: ${snippet(JSON.stringify(asset))}`, response);
    }
    const delisted = asset.isDelisted === true;
    symbols.push({
      symbol: asset.name,
      unified: perpUnifiedSymbol(asset.name),
      base: asset.name.replace(':', '-').toUpperCase(),
      quote: PERP_QUOTE,
      settle: PERP_QUOTE,
      market: 'usdm',
      status: delisted ? 'delisted' : 'listed',
      active: !delisted,
    });
  }
  return symbols;
}

/**
 * `spotMeta`: `tokens[]` `{name, index}` and `universe[]` `{name, tokens:[base, quote], index}`. The
 * coin to subscribe is the pair's `name` (`PURR/USDC` or `@107`); the unified symbol is built from
 * the token names (`@107` → `HYPE/USDC`).
 */
function spotSymbols(body: Record<string, unknown>, response: HttpResponse): SymbolInfo[] {
  const tokens = body.tokens;
  const universe = body.universe;
  if (!Array.isArray(tokens) || !Array.isArray(universe)) {
    throw protocolError(
      'spot',
      `spotMeta without "tokens" and "universe": ${snippet(response.body)}`,
      response,
    );
  }
  const tokenNames = new Map<number, string>();
  for (const token of tokens) {
    if (isRecord(token) && typeof token.index === 'number' && typeof token.name === 'string') {
      tokenNames.set(token.index, token.name);
    }
  }
  const symbols: SymbolInfo[] = [];
  for (const pair of universe) {
    if (
      !isRecord(pair) ||
      typeof pair.name !== 'string' ||
      pair.name.length === 0 ||
      !Array.isArray(pair.tokens)
    ) {
      throw protocolError(
        'spot',
        `spotMeta pair without name or tokens: ${snippet(JSON.stringify(pair))}`,
        response,
      );
    }
    const base = tokenNames.get(pair.tokens[0] as number);
    const quote = tokenNames.get(pair.tokens[1] as number);
    if (base === undefined || quote === undefined) {
      throw protocolError(
        'spot',
        `spotMeta pair ${pair.name} names unknown tokens ${JSON.stringify(pair.tokens)}`,
        response,
      );
    }
    symbols.push({
      symbol: pair.name,
      unified: `${base}/${quote}`,
      base,
      quote,
      market: 'spot',
      status: 'listed',
      active: true,
    });
  }
  return symbols;
}

export function parseHyperliquidSymbols(
  market: MarketType,
  response: HttpResponse,
): { symbols: SymbolInfo[] } {
  marketSpec(market);
  if (response.status < 200 || response.status > 299) throw hyperliquidHttpError(market, response);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw protocolError(market, `body is not JSON: ${snippet(response.body)}`, response);
  }
  if (!isRecord(body)) throw protocolError(market, `expected an object: ${snippet(response.body)}`, response);
  return { symbols: market === 'usdm' ? perpSymbols(body, response) : spotSymbols(body, response) };
}
