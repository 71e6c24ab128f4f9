import { type MarketType, OhlcvError } from '@ohlcv/core';
import { marketSpec } from './market-specs';

/** Letters and digits of any script: some spot symbols are UTF-8 (e.g. `币安人生USDT`). */
const ASSET = /^[\p{L}\p{N}]+$/u;
/** Native: `BTCUSDT`, `BTCUSDT_261225`, `BTCUSD_PERP`. */
const NATIVE = /^[\p{L}\p{N}]+(?:_[\p{L}\p{N}]+)?$/u;
/** Unified: `BASE/QUOTE`, `BASE/QUOTE:SETTLE`, `BASE/QUOTE:SETTLE-YYMMDD`. */
const UNIFIED = /^([^/:\s-]+)\/([^/:\s-]+)(?::([^/:\s-]+)(?:-(\d{6}))?)?$/u;

function invalid(market: MarketType, input: string, why: string): OhlcvError {
  return new OhlcvError(`invalid binance ${market} symbol "${input}": ${why}`, { code: 'invalid_symbol' });
}

function fromUnified(market: MarketType, input: string, match: RegExpExecArray): string {
  const base = match[1]!.toUpperCase();
  const quote = match[2]!.toUpperCase();
  const settle = match[3]?.toUpperCase();
  const expiry = match[4];
  if (!ASSET.test(base) || !ASSET.test(quote) || (settle !== undefined && !ASSET.test(settle))) {
    throw invalid(market, input, 'assets must be letters and digits');
  }
  if (market === 'spot') {
    if (settle !== undefined)
      throw invalid(market, input, 'a settle currency names a derivative, not a spot pair');
    return base + quote;
  }
  if (market === 'usdm') {
    if (settle !== undefined && settle !== quote) {
      throw invalid(
        market,
        input,
        `USDⓈ-M contracts settle in the quote currency (${quote}); coin-settled is coinm`,
      );
    }
    return expiry === undefined ? base + quote : `${base}${quote}_${expiry}`;
  }
  if (settle !== undefined && settle !== base) {
    throw invalid(
      market,
      input,
      `COIN-M contracts settle in the base currency (${base}); ${settle}-settled is usdm`,
    );
  }
  return `${base}${quote}_${expiry ?? 'PERP'}`;
}

/**
 * Native symbol for user input: `btcusdt`/`BTCUSDT` → `BTCUSDT`; `BTC/USDT` (spot, usdm) and
 * `BTC/USDT:USDT` → `BTCUSDT`; `BTC/USDT:USDT-261225` → `BTCUSDT_261225`; on coinm `BTC/USD:BTC` →
 * `BTCUSD_PERP`, `BTC/USD:BTC-250328` → `BTCUSD_250328`, and a bare pair `BTCUSD` → `BTCUSD_PERP`
 * (every COIN-M symbol carries a `_PERP` or `_YYMMDD` suffix). Throws an OhlcvError naming the input.
 */
export function normalizeBinanceSymbol(market: MarketType, input: string): string {
  marketSpec(market);
  if (typeof input !== 'string') throw invalid(market, String(input), 'not a string');
  const text = input.trim();
  if (text.length === 0) throw invalid(market, input, 'empty');
  if (text.includes('/')) {
    const match = UNIFIED.exec(text);
    if (match === null)
      throw invalid(market, input, 'expected BASE/QUOTE, BASE/QUOTE:SETTLE or BASE/QUOTE:SETTLE-YYMMDD');
    return fromUnified(market, input, match);
  }
  const native = text.toUpperCase();
  if (!NATIVE.test(native)) {
    throw invalid(market, input, 'expected letters and digits, e.g. BTCUSDT, BTCUSDT_261225 or BTC/USDT');
  }
  if (market === 'coinm' && !native.includes('_')) return `${native}_PERP`;
  return native;
}

/** ccxt-style unified symbol of a Binance instrument. */
export function unifiedBinanceSymbol(
  market: MarketType,
  instrument: { symbol: string; base: string; quote: string; settle?: string },
): string {
  const pair = `${instrument.base}/${instrument.quote}`;
  if (market === 'spot') return pair;
  const settle = instrument.settle ?? (market === 'coinm' ? instrument.base : instrument.quote);
  const underscore = instrument.symbol.lastIndexOf('_');
  const suffix = underscore < 0 ? '' : instrument.symbol.slice(underscore + 1);
  return /^\d{6}$/.test(suffix) ? `${pair}:${settle}-${suffix}` : `${pair}:${settle}`;
}
