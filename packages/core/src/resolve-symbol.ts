import type { MarketType } from './candle';
import { OhlcvError, SymbolRejectedError } from './errors';
import { closeness, symbolLookup } from './symbol-suggestions';
import type { InstrumentIndex, VenueAdapter } from './venue-adapter';

/**
 * Native symbol for user input — native (`BTCUSDT`, any case) or unified (`BTC/USDT`) — checked
 * against the venue market's instruments. Throws SymbolRejectedError naming the input and listing
 * close matches when the venue does not list it.
 */
export function resolveSymbol(
  adapter: VenueAdapter,
  market: MarketType,
  input: string,
  instruments: InstrumentIndex,
): string {
  const trimmed = input.trim();
  if (instruments.has(trimmed)) return trimmed;
  const listed = listedAs(trimmed, instruments);
  if (listed !== undefined) return listed;
  let native: string | undefined;
  try {
    native = adapter.normalizeSymbol(market, trimmed);
  } catch (error) {
    if (!OhlcvError.isInstance(error)) throw error;
  }
  // The adapter's form may be native (`BTCUSDT`) or unified (Hyperliquid `hfun-usdc` → `HFUN/USDC` → `@1`).
  const normalized = native === undefined ? undefined : listedAs(native, instruments);
  if (normalized !== undefined) return normalized;
  const matches = symbolLookup(instruments).suggest(trimmed);
  throw new SymbolRejectedError({
    exchange: adapter.id,
    market,
    symbol: trimmed,
    venueMessage: `not listed among its ${instruments.size} instruments`,
    ...(matches.length > 0 ? { hint: `did you mean ${matches.join(', ')}?` } : {}),
  });
}

/** The native symbol of `name` when the instruments list it by native or unified name, any case. */
function listedAs(name: string, instruments: InstrumentIndex): string | undefined {
  if (instruments.has(name)) return name;
  // A map built once per instrument list, not a scan per look-up.
  return symbolLookup(instruments).byUpperCase(name.toUpperCase());
}

/** Up to `limit` candidates closest to `input` (case-insensitive edit distance, prefix/substring first). */
export function closeMatches(input: string, candidates: readonly string[], limit = 5): string[] {
  const needle = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (needle.length === 0) return [];
  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of candidates) {
    const score = closeness(needle, candidate.toUpperCase().replace(/[^A-Z0-9]/g, ''));
    if (score !== undefined) scored.push({ candidate, score });
  }
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}
