import { OhlcvError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { normalizeSymbol } from './normalize-symbol';

describe('normalizeSymbol', () => {
  it('uppercases native symbols', () => {
    expect(normalizeSymbol('spot', 'btcusdt')).toBe('BTCUSDT');
    expect(normalizeSymbol('usdm', ' btcusdt-21feb25 ')).toBe('BTCUSDT-21FEB25');
  });

  it('maps unified symbols to native per market', () => {
    expect(normalizeSymbol('spot', 'BTC/USDT')).toBe('BTCUSDT');
    expect(normalizeSymbol('usdm', 'BTC/USDT:USDT')).toBe('BTCUSDT');
    expect(normalizeSymbol('usdm', 'btc/usdc:usdc')).toBe('BTCPERP');
    expect(normalizeSymbol('usdm', 'BTC/USDT:USDT-250221')).toBe('BTCUSDT-21FEB25');
    expect(normalizeSymbol('usdm', 'BTC/USDC:USDC-230324')).toBe('BTC-24MAR23');
    expect(normalizeSymbol('coinm', 'BTC/USD:BTC')).toBe('BTCUSD');
    expect(normalizeSymbol('coinm', 'BTC/USD:BTC-230331')).toBe('BTCUSDH23');
  });

  it.each([
    ['spot', 'BTC/USDT:USDT'],
    ['usdm', 'BTC/USDT'],
    ['usdm', 'BTC/USD:BTC'],
    ['coinm', 'BTC/USDT:USDT'],
    ['coinm', 'BTC/USD:BTC-230430'],
    ['spot', 'BTC USDT'],
    ['spot', ''],
    ['spot', 'BTC//USDT'],
  ] as const)('refuses %s %s naming the input', (market, input) => {
    expect(() => normalizeSymbol(market, input)).toThrow(OhlcvError);
    expect(() => normalizeSymbol(market, input)).toThrow(`"${input}"`);
  });
});
