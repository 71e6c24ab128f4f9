import { type MarketType, OhlcvError } from '@ohlcv/core';

const NATIVE = /^[A-Z0-9][A-Z0-9-]*$/;
const UNIFIED = /^([A-Z0-9]+)\/([A-Z0-9]+)(?::([A-Z0-9]+)(?:-(\d{2})(\d{2})(\d{2}))?)?$/;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** Inverse futures quarter codes by month: H = March, M = June, U = September, Z = December. */
const QUARTER_CODES: Readonly<Record<number, string>> = { 3: 'H', 6: 'M', 9: 'U', 12: 'Z' };

/**
 * Native Bybit symbol for user input: native in any case (`btcusdt` → `BTCUSDT`) or ccxt-unified:
 * spot `BTC/USDT` → `BTCUSDT`; linear `BTC/USDT:USDT` → `BTCUSDT`, `BTC/USDC:USDC` → `BTCPERP`
 * (the documented USDC-perpetual naming; a listing named `BTCUSDC` is matched through the
 * instrument list), `BTC/USDT:USDT-250221` → `BTCUSDT-21FEB25`, `BTC/USDC:USDC-230324` → `BTC-24MAR23`;
 * inverse `BTC/USD:BTC` → `BTCUSD`, `BTC/USD:BTC-230331` → `BTCUSDH23`.
 */
export function normalizeSymbol(market: MarketType, input: string): string {
  const value = input.trim().toUpperCase();
  if (!value.includes('/')) {
    if (NATIVE.test(value)) return value;
    throw invalid(market, input, 'expected a native symbol like BTCUSDT or a unified one like BTC/USDT');
  }
  const match = UNIFIED.exec(value);
  if (!match)
    throw invalid(market, input, 'expected BASE/QUOTE, BASE/QUOTE:SETTLE or BASE/QUOTE:SETTLE-YYMMDD');
  const base = match[1]!;
  const quote = match[2]!;
  const settle = match[3];
  const year = match[4];
  const month = match[5];
  const day = match[6];
  if (market === 'spot') {
    if (settle !== undefined)
      throw invalid(market, input, `a spot symbol has no settle currency (try ${base}/${quote})`);
    return `${base}${quote}`;
  }
  if (settle === undefined) {
    const example = market === 'usdm' ? `${base}/${quote}:${quote}` : `${base}/${quote}:${base}`;
    throw invalid(market, input, `a ${market} symbol names its settle currency, e.g. ${example}`);
  }
  const expiry = year === undefined ? undefined : { year, month: Number(month), day: day ?? '' };
  if (expiry !== undefined && (expiry.month < 1 || expiry.month > 12)) {
    throw invalid(market, input, `month ${month} is not a month`);
  }
  if (market === 'usdm') {
    if (settle !== quote || (quote !== 'USDT' && quote !== 'USDC')) {
      throw invalid(market, input, 'linear contracts settle in their quote, USDT or USDC');
    }
    if (expiry === undefined) return quote === 'USDC' ? `${base}PERP` : `${base}${quote}`;
    const date = `${expiry.day}${MONTHS[expiry.month - 1]}${expiry.year}`;
    return quote === 'USDC' ? `${base}-${date}` : `${base}${quote}-${date}`;
  }
  if (quote !== 'USD' || settle !== base) {
    throw invalid(
      market,
      input,
      `inverse contracts quote USD and settle in the base coin, e.g. ${base}/USD:${base}`,
    );
  }
  if (expiry === undefined) return `${base}USD`;
  const code = QUARTER_CODES[expiry.month];
  if (code === undefined)
    throw invalid(market, input, 'inverse futures expire in March, June, September or December');
  return `${base}USD${code}${expiry.year}`;
}

function invalid(market: MarketType, input: string, hint: string): OhlcvError {
  return new OhlcvError(`invalid bybit ${market} symbol "${input}": ${hint}`, { code: 'invalid_symbol' });
}
