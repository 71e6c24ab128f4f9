import { type ExchangeId, MARKET_TYPES, type MarketType } from './candle';
import { OhlcvError } from './errors';

/** Aliases accepted on input everywhere (they keep clients of the older Python connector working). */
/** A Map, not an object literal: `constructor` or `__proto__` must not resolve to anything. */
const MARKET_ALIASES: ReadonlyMap<string, MarketType> = new Map([
  ['spot', 'spot'],
  ['usdm', 'usdm'],
  ['coinm', 'coinm'],
  ['linear', 'usdm'],
  ['um', 'usdm'],
  ['swap', 'usdm'],
  ['perp', 'usdm'],
  ['futures', 'usdm'],
  ['inverse', 'coinm'],
  ['cm', 'coinm'],
]);

export function isMarketType(value: unknown): value is MarketType {
  return typeof value === 'string' && (MARKET_TYPES as readonly string[]).includes(value);
}

/** Canonical market for a name or alias (case-insensitive); throws an error naming the value. */
export function parseMarketType(value: string): MarketType {
  const market = MARKET_ALIASES.get(value.trim().toLowerCase());
  if (market) return market;
  throw new OhlcvError(
    `unknown market "${value}": expected one of spot, usdm, coinm (aliases: ${[...MARKET_ALIASES.keys()]
      .filter((k) => !isMarketType(k))
      .join(', ')})`,
    { code: 'unknown_market' },
  );
}

/** A well-formed venue id (or alias): lower-case letters and digits, optionally joined by `.`, `_` or `-`. */
const VENUE_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Whether `value` is shaped as a venue id. Which venues exist is the registry's to say. */
export function isExchangeId(value: unknown): value is ExchangeId {
  return typeof value === 'string' && VENUE_NAME.test(value);
}

/**
 * A venue name from input, trimmed and lower-cased, checked for shape only (throws an OhlcvError with
 * code `unknown_exchange` naming the value). Resolve it with a registry (`VenueRegistry.resolve`):
 * aliases are the adapters' to declare.
 */
export function parseExchangeId(value: string): ExchangeId {
  const id = String(value).trim().toLowerCase();
  if (isExchangeId(id)) return id;
  throw new OhlcvError(
    `unknown exchange "${value}": a venue id is lower-case letters and digits, optionally joined by ".", "_" or "-"`,
    { code: 'unknown_exchange' },
  );
}
