import { type MarketType, OhlcvError } from '@ohlcv/core';
import { marketSpec } from './market-specs';

/** One asset: letters and digits (`BTC`, `1INCH`). */
const ASSET = /^[\p{L}\p{N}]+$/u;
/** Expiry of a FUTURES id: `YYMMDD`. */
const EXPIRY = /^\d{6}$/;
/** Unified: `BASE/QUOTE`, `BASE/QUOTE:SETTLE`, `BASE/QUOTE:SETTLE-YYMMDD`. */
const UNIFIED = /^([^/:\s-]+)\/([^/:\s-]+)(?::([^/:\s-]+)(?:-(\d{6}))?)?$/u;

function invalid(market: MarketType, input: string, why: string): OhlcvError {
  return new OhlcvError(`invalid okx ${market} symbol "${input}": ${why}`, { code: 'invalid_symbol' });
}

function checkAssets(market: MarketType, input: string, assets: readonly (string | undefined)[]): void {
  for (const asset of assets) {
    if (asset !== undefined && !ASSET.test(asset))
      throw invalid(market, input, `"${asset}" is not an asset name`);
  }
}

function fromUnified(market: MarketType, input: string, match: RegExpExecArray): string {
  const base = match[1]!.toUpperCase();
  const quote = match[2]!.toUpperCase();
  const settle = match[3]?.toUpperCase();
  const expiry = match[4];
  checkAssets(market, input, [base, quote, settle]);
  if (market === 'spot') {
    if (settle !== undefined)
      throw invalid(market, input, 'a settle currency names a derivative, not a spot pair');
    return `${base}-${quote}`;
  }
  if (market === 'usdm' && settle !== undefined && settle !== quote) {
    throw invalid(
      market,
      input,
      `linear contracts settle in the quote currency (${quote}); ${settle}-settled is coinm`,
    );
  }
  if (market === 'coinm' && settle !== undefined && settle !== base) {
    throw invalid(
      market,
      input,
      `inverse contracts settle in the base currency (${base}); ${settle}-settled is usdm`,
    );
  }
  return `${base}-${quote}-${expiry ?? 'SWAP'}`;
}

function fromNative(market: MarketType, input: string, native: string): string {
  const parts = native.split('-');
  if (parts.length < 2 || parts.length > 3) {
    throw invalid(
      market,
      input,
      'expected BASE-QUOTE, BASE-QUOTE-SWAP, BASE-QUOTE-YYMMDD or a unified BASE/QUOTE',
    );
  }
  const [base, quote, suffix] = parts as [string, string, string | undefined];
  checkAssets(market, input, [base, quote]);
  if (market === 'spot') {
    if (suffix !== undefined)
      throw invalid(market, input, `"-${suffix}" names a derivative, not a spot pair`);
    return native;
  }
  if (suffix === undefined) return `${native}-SWAP`;
  if (suffix === 'SWAP' || EXPIRY.test(suffix)) return native;
  throw invalid(market, input, `"-${suffix}" is neither SWAP nor an expiry YYMMDD`);
}

/**
 * Native OKX instId for user input: `btc-usdt`/`BTC/USDT` → `BTC-USDT` (spot); on usdm/coinm
 * `BTC-USDT-SWAP`, `btc-usdt-swap`, `BTC/USDT:USDT` and a bare `BTC-USDT`/`BTC/USDT` →
 * `BTC-USDT-SWAP`; `BTC/USDT:USDT-250328` → `BTC-USDT-250328`; `BTC/USD:BTC` → `BTC-USD-SWAP`.
 * `BTCUSDT` (no separator) cannot be split into assets and is refused. Throws an OhlcvError naming the input.
 */
export function normalizeOkxSymbol(market: MarketType, input: string): string {
  marketSpec(market);
  if (typeof input !== 'string') throw invalid(market, String(input), 'not a string');
  const trimmed = input.trim();
  if (trimmed.length === 0) throw invalid(market, input, 'empty');
  if (trimmed.includes('/')) {
    const match = UNIFIED.exec(trimmed);
    if (match === null) {
      throw invalid(market, input, 'expected BASE/QUOTE, BASE/QUOTE:SETTLE or BASE/QUOTE:SETTLE-YYMMDD');
    }
    return fromUnified(market, input, match);
  }
  return fromNative(market, input, trimmed.toUpperCase());
}

/**
 * ccxt-style unified symbol of an OKX instrument: `BTC/USDT` (BTC-USDT), `BTC/USDT:USDT`
 * (BTC-USDT-SWAP), `BTC/USD:BTC` (BTC-USD-SWAP), `BTC/USDT:USDT-250328` (BTC-USDT-250328).
 */
export function unifiedOkxSymbol(instrument: {
  symbol: string;
  base: string;
  quote: string;
  settle?: string;
}): string {
  const pair = `${instrument.base}/${instrument.quote}`;
  if (instrument.settle === undefined) return pair;
  const suffix = instrument.symbol.slice(instrument.symbol.lastIndexOf('-') + 1);
  return EXPIRY.test(suffix) ? `${pair}:${instrument.settle}-${suffix}` : `${pair}:${instrument.settle}`;
}
