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
  const lookup = symbolLookup(instruments);
  const known = lookup.byUpperCase(trimmed.toUpperCase());
  if (known !== undefined) return known;
  let native: string | undefined;
  try {
    native = adapter.normalizeSymbol(market, trimmed);
  } catch (error) {
    if (!OhlcvError.isInstance(error)) throw error;
  }
  if (native !== undefined && instruments.has(native)) return native;
  const matches = lookup.suggest(trimmed);
  throw new SymbolRejectedError({
    exchange: adapter.id,
    market,
    symbol: trimmed,
    venueMessage: `not listed among its ${instruments.size} instruments`,
    ...(matches.length > 0 ? { hint: `did you mean ${matches.join(', ')}?` } : {}),
  });
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
