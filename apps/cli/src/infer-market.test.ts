import { describe, expect, it } from 'vitest';
import { inferMarket } from './infer-market';

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
