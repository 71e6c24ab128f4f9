import { describe, expect, it } from 'vitest';
import { resolveSymbol } from './resolve-symbol';
import { boundedEditDistance, SymbolLookup, symbolLookup } from './symbol-suggestions';
import type { InstrumentIndex, SymbolInfo, VenueAdapter } from './venue-adapter';

function catalog(size: number): InstrumentIndex {
  const index = new Map<string, SymbolInfo>();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let n = 0; index.size < size; n += 1) {
    let base = '';
    for (let rest = n; base.length < 3 || rest > 0; rest = Math.floor(rest / 26)) base += letters[rest % 26];
    const symbol = `${base}USDT`;
    index.set(symbol, { symbol, unified: `${base}/USDT`, base, quote: 'USDT' } as SymbolInfo);
  }
  index.set('BTCUSDT', { symbol: 'BTCUSDT', unified: 'BTC/USDT', base: 'BTC', quote: 'USDT' } as SymbolInfo);
  index.set('ETHUSDT', { symbol: 'ETHUSDT', unified: 'ETH/USDT', base: 'ETH', quote: 'USDT' } as SymbolInfo);
  return index;
}

const adapter = {
  id: 'binance',
  normalizeSymbol: (_market: string, symbol: string) => symbol.replace('/', '').toUpperCase(),
} as unknown as VenueAdapter;

function rejection(input: string, instruments: InstrumentIndex): string {
  try {
    resolveSymbol(adapter, 'spot', input, instruments);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${input} resolved`);
}

describe('symbol suggestions', () => {
  it('resolves native and unified spellings in any case, and suggests close matches', () => {
    const instruments = catalog(3_000);
    expect(resolveSymbol(adapter, 'spot', 'btc/usdt', instruments)).toBe('BTCUSDT');
    expect(resolveSymbol(adapter, 'spot', 'ethusdt', instruments)).toBe('ETHUSDT');
    expect(rejection('BTCUSD', instruments)).toContain('did you mean BTCUSDT');
    expect(rejection('ETHUSTD', instruments)).toContain('ETHUSDT');
    expect(rejection('QQQQQQQQQQQQQQQQQQQQQQQQ', instruments)).not.toContain('did you mean');
  });

  it('bounds the edit distance work', () => {
    expect(boundedEditDistance('KITTEN', 'SITTING', 5)).toBe(3);
    expect(boundedEditDistance('AAAAAAAAAA', 'BBBBBBBBBB', 2)).toBe(3);
    expect(boundedEditDistance('A', 'ABCDEFGH', 2)).toBe(3);
  });

  it('keeps the worst case bounded: 8,000 unknown symbols against 50,000 instruments', () => {
    const instruments = catalog(50_000);
    const started = performance.now();
    for (let index = 0; index < 8_000; index += 1) rejection(`ZZ${index}XUSDTQ`, instruments);
    const elapsed = performance.now() - started;
    // The old code scored every instrument per symbol: 8,000 × 50,000 edit distances (minutes).
    expect(elapsed).toBeLessThan(5_000);
    expect(symbolLookup(instruments).computed).toBeGreaterThan(0);
  });

  it('computes a repeated unknown symbol once, and spends a bounded amount of work per second', () => {
    let now = 0;
    const lookup = new SymbolLookup(catalog(3_000), () => now);
    for (let index = 0; index < 40; index += 1) expect(lookup.suggest('BTCUSD')[0]).toBe('BTCUSDT');
    expect(lookup.computed).toBe(1);
    for (let index = 0; index < 100_000; index += 1) lookup.suggest(`NOPE${index}`);
    expect(lookup.computed).toBeLessThan(20_000);
    expect(lookup.suggest('ETHUSD')).toEqual([]);
    now = 1_000;
    expect(lookup.suggest('ETHUSD')[0]).toBe('ETHUSDT');
  });
});
