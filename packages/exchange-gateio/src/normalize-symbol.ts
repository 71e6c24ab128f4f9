import { type MarketType, OhlcvError } from '@ohlcv/core';
import { settleOf } from './market-paths';

/** BASE_QUOTE with no separators or spaces inside either part (ids may be non-ASCII). */
const NATIVE = /^[^\s_/:-]+_[^\s_/:-]+$/u;

function invalid(market: MarketType, input: string, why: string): OhlcvError {
  return new OhlcvError(`invalid gateio ${market} symbol "${input}": ${why}`, { code: 'invalid_symbol' });
}

/**
 * Native Gate id for user input: `BTC_USDT`, `btc_usdt`, `BTC-USDT`, unified `BTC/USDT` (spot),
 * `BTC/USDT:USDT` (usdm), `BTC/USD:BTC` (coinm) → `BTC_USDT` / `BTC_USD`. Throws an OhlcvError naming
 * the input otherwise (e.g. `BTCUSDT`, whose split is not derivable, or a settle of another market).
 */
export function normalizeSymbol(market: MarketType, input: string): string {
  const text = input.trim().toUpperCase();
  let pair = text;
  const colon = text.indexOf(':');
  if (colon >= 0) {
    if (market === 'spot')
      throw invalid(market, input, 'a spot symbol has no settle currency (use BASE/QUOTE)');
    const settle = text.slice(colon + 1);
    const expected = settleOf(market).toUpperCase();
    if (settle !== expected) {
      throw invalid(market, input, `settles in ${settle}, ${market} contracts settle in ${expected}`);
    }
    pair = text.slice(0, colon);
  }
  const native = pair.replace('/', '_').replace('-', '_');
  if (!NATIVE.test(native)) throw invalid(market, input, 'expected BASE_QUOTE or BASE/QUOTE');
  return native;
}
