import type { MarketType, StreamRef, SymbolInfo, VenueAdapter } from '@ohlcv/core';

/**
 * The adapter with one extra instrument in its last page of instruments — what the engine holds
 * when a symbol was delisted after its instrument list was fetched: it passes validation, and the
 * venue's WebSocket refuses it. `frames` (when given) records every subscribe frame built.
 */
export function withStaleInstrument(
  adapter: VenueAdapter,
  instrument: Pick<SymbolInfo, 'symbol' | 'unified' | 'base' | 'quote'>,
  frames?: string[],
): VenueAdapter {
  return Object.assign(Object.create(adapter) as VenueAdapter, {
    parseSymbols: (market: MarketType, response: Parameters<VenueAdapter['parseSymbols']>[1]) => {
      const page = adapter.parseSymbols(market, response);
      const template = page.symbols[0];
      if (template === undefined || page.next !== undefined) return page;
      return { ...page, symbols: [...page.symbols, { ...template, ...instrument }] };
    },
    subscribe: (market: MarketType, streams: readonly StreamRef[], requestId: number, now: number) => {
      const frame = adapter.subscribe(market, streams, requestId, now);
      frames?.push(frame);
      return frame;
    },
  });
}
