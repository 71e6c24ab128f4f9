import { OhlcvError, UnsupportedMarketError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { normalizeHyperliquidSymbol } from './normalize-symbol';

describe('normalizeHyperliquidSymbol', () => {
  it.each([
    ['BTC', 'BTC'],
    ['btc', 'BTC'],
    ['kPEPE', 'kPEPE'],
    ['BTC-PERP', 'BTC'],
    // The forms of the older Python connector's clients (OKX-style instIds).
    ['BTC-USDC-SWAP', 'BTC'],
    ['BTC-USD-SWAP', 'BTC'],
    ['eth-usdt-perp', 'ETH'],
    ['BTC-SWAP', 'BTC'],
    ['kPEPE-USDC-SWAP', 'kPEPE'],
    ['BTC/USDC:USDC', 'BTC'],
    ['BTC/USDC', 'BTC'],
    ['kPEPE/USDC:USDC', 'kPEPE'],
    ['xyz:XYZ100', 'xyz:XYZ100'],
    ['XYZ:XYZ100', 'xyz:XYZ100'],
    ['XYZ-XYZ100/USDC:USDC', 'xyz:XYZ100'],
  ])('perps: %s → %s', (input, expected) => {
    expect(normalizeHyperliquidSymbol('usdm', input)).toBe(expected);
  });

  it.each([
    ['@107', '@107'],
    ['PURR/USDC', 'PURR/USDC'],
    ['purr/usdc', 'PURR/USDC'],
    ['HYPE-USDC', 'HYPE/USDC'],
    ['HYPEUSDC', 'HYPE/USDC'],
    ['HYPE/USDT0', 'HYPE/USDT0'],
  ])('spot: %s → %s', (input, expected) => {
    expect(normalizeHyperliquidSymbol('spot', input)).toBe(expected);
  });

  it('throws naming the input', () => {
    expect(() => normalizeHyperliquidSymbol('usdm', 'BTC/USDT:USDT')).toThrow(/"BTC\/USDT:USDT".*USDC/);
    expect(() => normalizeHyperliquidSymbol('usdm', 'B T C')).toThrow(/"B T C"/);
    expect(() => normalizeHyperliquidSymbol('usdm', '')).toThrow(OhlcvError);
    expect(() => normalizeHyperliquidSymbol('spot', 'BTC/USDC:USDC')).toThrow(/"BTC\/USDC:USDC".*usdm/);
    expect(() => normalizeHyperliquidSymbol('spot', 'PURR')).toThrow(/"PURR"/);
    expect(() => normalizeHyperliquidSymbol('coinm', 'BTC')).toThrow(UnsupportedMarketError);
  });
});
