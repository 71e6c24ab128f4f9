import type { MarketType } from './candle';
import { OhlcvError, SymbolRejectedError } from './errors';
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
  const matches = closeMatches(
    trimmed,
    [...instruments.values()].map((info) => info.symbol),
  );
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
  const upper = name.toUpperCase();
  for (const info of instruments.values()) {
    if (info.unified.toUpperCase() === upper || info.symbol.toUpperCase() === upper) return info.symbol;
  }
  return undefined;
}

/** Up to `limit` candidates closest to `input` (case-insensitive edit distance, prefix/substring first). */
export function closeMatches(input: string, candidates: readonly string[], limit = 5): string[] {
  const needle = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (needle.length === 0) return [];
  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of candidates) {
    const hay = candidate.toUpperCase().replace(/[^A-Z0-9]/g, '');
    let score = editDistance(needle, hay);
    if (hay.includes(needle) || needle.includes(hay)) score -= 2;
    if (score <= Math.max(2, Math.floor(needle.length / 3))) scored.push({ candidate, score });
  }
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Math.abs(a.length - b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
