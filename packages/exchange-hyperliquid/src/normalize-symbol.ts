import { type MarketType, OhlcvError } from '@ohlcv/core';
import { marketSpec } from './market-specs';

/** A perp coin: letters and digits (`BTC`, `kPEPE`, `1000BONK`). */
const PERP_COIN = /^[A-Za-z0-9]+$/;
/** A HIP-3 builder-dex coin: lower-case dex, `:`, asset (`xyz:XYZ100`). */
const HIP3_COIN = /^([A-Za-z0-9]+):([A-Za-z0-9]+)$/;
/**
 * OKX-style perp names the older Python connector's clients send: `BTC-USDC-SWAP`, `BTC-USD-SWAP`,
 * `BTC-USDT-PERP`, `BTC-SWAP`, `BTC-USDC` (the coin is the part before the first dash).
 */
const DASHED_PERP = /^([A-Za-z0-9]+)(?:-(?:USDC|USDT|USD)(?:-(?:SWAP|PERP))?|-(?:SWAP|PERP))$/i;
/** A spot pair index coin: `@107`. */
const SPOT_INDEX = /^@\d+$/;
/** A spot token name. */
const TOKEN = /^[A-Za-z0-9]+$/;
/** Quote tokens of spot pairs, longest first, to split `PURRUSDC`. */
const SPOT_QUOTES = ['USDT0', 'USDC', 'USDH', 'USDE', 'USDT'] as const;

function invalid(market: MarketType, input: string, why: string): OhlcvError {
  return new OhlcvError(`invalid hyperliquid ${market} symbol "${input}": ${why}`, {
    code: 'invalid_symbol',
  });
}

/** Coins are case-sensitive (`kPEPE`): only an all-lower-case input (`btc`) is upper-cased. */
function caseOf(name: string): string {
  return name === name.toLowerCase() ? name.toUpperCase() : name;
}

/** A perp coin from `BTC`, `btc`, `kPEPE`, `BTC-PERP`, `BTC-USDC-SWAP`, `xyz:XYZ100` (dex lower-cased), or a unified base. */
function perpCoin(input: string, base: string): string {
  const hip3 = HIP3_COIN.exec(base);
  if (hip3) return `${hip3[1]!.toLowerCase()}:${caseOf(hip3[2]!)}`;
  if (PERP_COIN.test(base)) return caseOf(base);
  throw invalid('usdm', input, 'expected a coin like BTC, kPEPE or xyz:XYZ100, or BTC/USDC:USDC');
}

/**
 * Perpetuals: the coin. `BTC/USDC:USDC` and `BTC/USDC` → `BTC`; ccxt's HIP-3 form
 * `XYZ-XYZ100/USDC:USDC` → `xyz:XYZ100`. A unified base keeps its case, so ccxt's upper-cased
 * `KPEPE/USDC:USDC` gives `KPEPE`, which the instrument list resolves by its unified name.
 */
function normalizePerp(input: string): string {
  const slash = input.indexOf('/');
  if (slash < 0) {
    const dashed = DASHED_PERP.exec(input);
    return perpCoin(input, dashed ? dashed[1]! : input);
  }
  const base = input.slice(0, slash);
  const rest = input.slice(slash + 1);
  const colon = rest.indexOf(':');
  const quote = colon < 0 ? rest : rest.slice(0, colon);
  const settle = colon < 0 ? quote : rest.slice(colon + 1);
  const dash = base.indexOf('-');
  if (dash > 0) {
    // HIP-3 dexes may settle in their own collateral token, so any quote is accepted here.
    return perpCoin(input, `${base.slice(0, dash)}:${base.slice(dash + 1)}`);
  }
  if (quote.toUpperCase() !== 'USDC' || settle.toUpperCase() !== 'USDC') {
    throw invalid(
      'usdm',
      input,
      'Hyperliquid perpetuals are quoted and settled in USDC (e.g. BTC/USDC:USDC)',
    );
  }
  return perpCoin(input, base);
}

/**
 * Spot: `@107` and `PURR/USDC` are coins as they are. Other pairs (`HYPE/USDC`, `hype-usdc`,
 * `HYPEUSDC`) come back as `BASE/QUOTE`: the engine resolves them to their `@N` coin through the
 * instruments' unified names, since only spotMeta knows the pair index.
 */
function normalizeSpot(input: string): string {
  if (SPOT_INDEX.test(input)) return input;
  if (input.includes(':')) {
    throw invalid('spot', input, 'a settle currency (":") names a perpetual; use market usdm');
  }
  const separator = input.search(/[/\-_]/);
  let base: string;
  let quote: string;
  if (separator > 0) {
    base = input.slice(0, separator);
    quote = input.slice(separator + 1);
  } else {
    const upper = input.toUpperCase();
    const suffix = SPOT_QUOTES.find(
      (candidate) => upper.endsWith(candidate) && upper.length > candidate.length,
    );
    if (suffix === undefined) {
      throw invalid('spot', input, 'expected a pair like PURR/USDC or HYPE/USDC, or a pair index like @107');
    }
    base = input.slice(0, input.length - suffix.length);
    quote = suffix;
  }
  if (!TOKEN.test(base) || !TOKEN.test(quote)) {
    throw invalid('spot', input, 'expected a pair like PURR/USDC or HYPE/USDC, or a pair index like @107');
  }
  return `${caseOf(base)}/${quote.toUpperCase()}`;
}

/** Native coin for user input; throws an OhlcvError naming the input (and UnsupportedMarketError for coinm). */
export function normalizeHyperliquidSymbol(market: MarketType, input: string): string {
  marketSpec(market);
  if (typeof input !== 'string') throw invalid(market, String(input), 'not a string');
  const trimmed = input.trim();
  if (trimmed.length === 0) throw invalid(market, input, 'empty');
  return market === 'usdm' ? normalizePerp(trimmed) : normalizeSpot(trimmed);
}
