import { OhlcvError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { normalizeOkxSymbol } from './okx-symbols';

describe('normalizeOkxSymbol', () => {
  it.each([
    ['spot', 'BTC-USDT', 'BTC-USDT'],
    ['spot', 'btc-usdt', 'BTC-USDT'],
    ['spot', 'BTC/USDT', 'BTC-USDT'],
    ['usdm', 'BTC-USDT-SWAP', 'BTC-USDT-SWAP'],
    ['usdm', 'btc-usdt-swap', 'BTC-USDT-SWAP'],
    ['usdm', 'BTC-USDT', 'BTC-USDT-SWAP'],
    ['usdm', 'BTC/USDT:USDT', 'BTC-USDT-SWAP'],
    ['usdm', 'BTC/USDT', 'BTC-USDT-SWAP'],
    ['usdm', 'BTC/USDT:USDT-250328', 'BTC-USDT-250328'],
    ['usdm', 'BTC-USDT-250328', 'BTC-USDT-250328'],
    ['coinm', 'BTC/USD:BTC', 'BTC-USD-SWAP'],
    ['coinm', 'btc/usd:btc-250328', 'BTC-USD-250328'],
  ] as const)('%s %s → %s', (market, input, expected) => {
    expect(normalizeOkxSymbol(market, input)).toBe(expected);
  });

  it.each([
    ['spot', 'BTCUSDT'],
    ['spot', 'BTC-USDT-SWAP'],
    ['spot', 'BTC/USDT:USDT'],
    ['usdm', 'BTC/USD:BTC'],
    ['coinm', 'BTC/USDT:USDT'],
    ['usdm', 'BTC-USDT-PERP'],
    ['usdm', ''],
    ['usdm', 'BTC/'],
  ] as const)('%s refuses %s, naming it', (market, input) => {
    expect(() => normalizeOkxSymbol(market, input)).toThrowError(OhlcvError);
    expect(() => normalizeOkxSymbol(market, input)).toThrowError(`"${input}"`);
  });
});
