import type { SymbolInfo } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { filterSymbols } from './filter-symbols';

const info = (symbol: string, base: string, quote: string): SymbolInfo => ({
  symbol,
  unified: `${base}/${quote}`,
  base,
  quote,
  market: 'spot',
  status: 'TRADING',
  active: true,
});

describe('filterSymbols', () => {
  const all = [info('ETHUSDT', 'ETH', 'USDT'), info('BTCUSDT', 'BTC', 'USDT'), info('ETHBTC', 'ETH', 'BTC')];

  it('keeps everything, sorted, without a search', () => {
    expect(filterSymbols(all, undefined).map((entry) => entry.symbol)).toEqual([
      'BTCUSDT',
      'ETHBTC',
      'ETHUSDT',
    ]);
  });

  it('matches symbol, unified, base or quote, ignoring case', () => {
    expect(filterSymbols(all, 'btc').map((entry) => entry.symbol)).toEqual(['BTCUSDT', 'ETHBTC']);
    expect(filterSymbols(all, 'eth/usdt').map((entry) => entry.symbol)).toEqual(['ETHUSDT']);
    expect(filterSymbols(all, 'doge')).toEqual([]);
  });
});
