/** Matching the symbol picker's input against a venue's instruments, on native or unified names. */

export interface PickableSymbol {
  symbol: string;
  unified: string;
  active: boolean;
}

function squash(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * Symbols matching `query` (case and separators ignored: `btc/usdt`, `BTC-USDT`, `btcusdt` alike),
 * best first: exact, then prefix, then anywhere; active ones before inactive; at most `limit`.
 */
export function searchSymbols(
  symbols: readonly PickableSymbol[],
  query: string,
  limit = 50,
): PickableSymbol[] {
  const wanted = squash(query);
  const scored: Array<{ entry: PickableSymbol; score: number }> = [];
  for (const entry of symbols) {
    const names = [squash(entry.symbol), squash(entry.unified)];
    let score: number;
    if (wanted === '') score = 3;
    else if (names.includes(wanted)) score = 0;
    else if (names.some((name) => name.startsWith(wanted))) score = 1;
    else if (names.some((name) => name.includes(wanted))) score = 2;
    else continue;
    scored.push({ entry, score: score * 2 + (entry.active ? 0 : 1) });
  }
  scored.sort((a, b) => a.score - b.score || a.entry.symbol.localeCompare(b.entry.symbol));
  return scored.slice(0, limit).map((item) => item.entry);
}
