import type { SymbolInfo } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { symbolTable, symbolToJson } from './symbol-table';

const btc: SymbolInfo = {
  symbol: 'BTCUSDT',
  unified: 'BTC/USDT:USDT',
  base: 'BTC',
  quote: 'USDT',
  settle: 'USDT',
  market: 'usdm',
  status: 'TRADING',
  active: true,
};

describe('symbol output', () => {
  it('aligns the table under an upper-case header', () => {
    expect(symbolTable([btc, { ...btc, symbol: 'ETHUSDT', unified: 'ETH/USDT:USDT', base: 'ETH' }])).toEqual([
      'SYMBOL   UNIFIED        BASE  QUOTE  MARKET  STATUS',
      'BTCUSDT  BTC/USDT:USDT  BTC   USDT   usdm    TRADING',
      'ETHUSDT  ETH/USDT:USDT  ETH   USDT   usdm    TRADING',
    ]);
  });

  it('writes exactly the listed fields as JSON', () => {
    expect(JSON.parse(symbolToJson(btc))).toEqual({
      symbol: 'BTCUSDT',
      unified: 'BTC/USDT:USDT',
      base: 'BTC',
      quote: 'USDT',
      market: 'usdm',
      status: 'TRADING',
    });
  });
});
