import type { SymbolInfo } from '@ohlcv/core';

/** Instruments whose native or unified symbol, base or quote contains `search` (case-insensitive), by symbol. */
export function filterSymbols(infos: readonly SymbolInfo[], search: string | undefined): SymbolInfo[] {
  const needle = search?.trim().toUpperCase();
  const matching = needle
    ? infos.filter((info) =>
        [info.symbol, info.unified, info.base, info.quote].some((text) =>
          text.toUpperCase().includes(needle),
        ),
      )
    : [...infos];
  return matching.sort((a, b) => a.symbol.localeCompare(b.symbol));
}
