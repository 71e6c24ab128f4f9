import { describe, expect, it } from 'vitest';
import { searchSymbols } from './symbol-search';

const SYMBOLS = [
  { symbol: 'ETHUSDT', unified: 'ETH/USDT', active: true },
  { symbol: 'BTCUSDC', unified: 'BTC/USDC', active: true },
  { symbol: 'BTCUSDT', unified: 'BTC/USDT', active: true },
  { symbol: 'WBTCUSDT', unified: 'WBTC/USDT', active: true },
  { symbol: 'BTCDOWNUSDT', unified: 'BTCDOWN/USDT', active: false },
];

describe('searchSymbols', () => {
  it('finds native and unified spellings, exact first, then prefix, then anywhere', () => {
    expect(searchSymbols(SYMBOLS, 'btc/usdt').map((entry) => entry.symbol)).toEqual(['BTCUSDT', 'WBTCUSDT']);
    expect(searchSymbols(SYMBOLS, 'btc').map((entry) => entry.symbol)).toEqual([
      'BTCUSDC',
      'BTCUSDT',
      'BTCDOWNUSDT',
      'WBTCUSDT',
    ]);
    expect(searchSymbols(SYMBOLS, 'eth-usdt')[0]?.unified).toBe('ETH/USDT');
  });

  it('lists everything for an empty query, up to the limit, and nothing for a miss', () => {
    expect(searchSymbols(SYMBOLS, '', 2)).toHaveLength(2);
    expect(searchSymbols(SYMBOLS, 'doge')).toEqual([]);
  });
});
