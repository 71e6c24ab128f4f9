import { describe, expect, it } from 'vitest';
import { inferMarket, marketFor } from './infer-market';
import type { UsageError } from './usage-error';

describe('inferMarket', () => {
  it('reads the market from symbols that name it', () => {
    expect(inferMarket('okx', ['BTC-USDT-SWAP'])).toBe('usdm');
    expect(inferMarket('okx', ['BTC-USD-SWAP', 'eth-usd-swap'])).toBe('coinm');
    expect(inferMarket('binance', ['BTCUSD_PERP'])).toBe('coinm');
    expect(inferMarket('bybit', ['BTC/USDT:USDT'])).toBe('usdm');
    expect(inferMarket('bybit', ['BTC/USD:BTC'])).toBe('coinm');
  });

  it('infers nothing from plain or mixed symbols', () => {
    expect(inferMarket('okx', ['BTC-USDT'])).toBeUndefined();
    expect(inferMarket('binance', ['BTCUSDT'])).toBeUndefined();
    expect(inferMarket('okx', ['BTC-USDT-SWAP', 'BTC-USD-SWAP'])).toBeUndefined();
    expect(inferMarket('okx', ['BTC-USDT-SWAP', 'BTC-USDT'])).toBeUndefined();
  });
});

describe('marketFor', () => {
  it('keeps a given derivatives market, infers one when none is given, else spot', () => {
    expect(marketFor('binance', 'usdm', ['BTC/USDT:USDT'])).toBe('usdm');
    expect(marketFor('bybit', undefined, ['BTC/USDT:USDT'])).toBe('usdm');
    expect(marketFor('binance', undefined, ['BTCUSDT'])).toBe('spot');
  });

  it('refuses a derivative symbol on spot and names the market to use', () => {
    expect(() => marketFor('binance', 'spot', ['BTC/USDT:USDT'])).toThrow(
      'BTC/USDT:USDT is a linear (USDⓈ-margined) contract, not a binance spot symbol',
    );
    try {
      marketFor('okx', undefined, ['BTC-USDT', 'BTC-USD-SWAP']);
      expect.unreachable();
    } catch (error) {
      expect((error as UsageError).message).toContain('(the market defaults to spot)');
      expect((error as UsageError).hint).toBe('add --market coinm');
    }
  });
});
