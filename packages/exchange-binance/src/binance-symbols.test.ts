import { OhlcvError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { normalizeBinanceSymbol, unifiedBinanceSymbol } from './binance-symbols';

describe('normalizeBinanceSymbol', () => {
  it.each([
    ['spot', 'btcusdt', 'BTCUSDT'],
    ['spot', 'BTCUSDT', 'BTCUSDT'],
    ['spot', 'BTC/USDT', 'BTCUSDT'],
    ['spot', 'eth/btc', 'ETHBTC'],
    ['spot', '币安人生USDT', '币安人生USDT'],
    ['usdm', 'BTC/USDT', 'BTCUSDT'],
    ['usdm', 'BTC/USDT:USDT', 'BTCUSDT'],
    ['usdm', 'BTC/USDT:USDT-261225', 'BTCUSDT_261225'],
    ['usdm', 'btcusdt_261225', 'BTCUSDT_261225'],
    ['usdm', ' BTCUSDT ', 'BTCUSDT'],
    ['coinm', 'BTC/USD:BTC', 'BTCUSD_PERP'],
    ['coinm', 'BTC/USD:BTC-250328', 'BTCUSD_250328'],
    ['coinm', 'BTC/USD', 'BTCUSD_PERP'],
    ['coinm', 'btcusd_perp', 'BTCUSD_PERP'],
    ['coinm', 'BTCUSD', 'BTCUSD_PERP'],
  ] as const)('%s %s → %s', (market, input, expected) => {
    expect(normalizeBinanceSymbol(market, input)).toBe(expected);
  });

  it.each([
    ['spot', ''],
    ['spot', '   '],
    ['spot', 'BTC USDT'],
    ['spot', 'BTC-USDT'],
    ['spot', 'btc$usdt'],
    ['spot', 'BTC/USDT:USDT'],
    ['spot', 'BTC/'],
    ['usdm', 'BTC/USD:BTC'],
    ['usdm', 'BTC/USDT:USDT-2612'],
    ['coinm', 'BTC/USDT:USDT'],
    ['coinm', 'BTC__PERP'],
  ] as const)('%s refuses %j, naming it', (market, input) => {
    expect(() => normalizeBinanceSymbol(market, input)).toThrow(OhlcvError);
    expect(() => normalizeBinanceSymbol(market, input)).toThrow(`"${input}"`);
  });
});

describe('unifiedBinanceSymbol', () => {
  it('follows ccxt conventions per market', () => {
    expect(unifiedBinanceSymbol('spot', { symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT' })).toBe('BTC/USDT');
    expect(
      unifiedBinanceSymbol('usdm', { symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', settle: 'USDT' }),
    ).toBe('BTC/USDT:USDT');
    expect(
      unifiedBinanceSymbol('usdm', { symbol: 'BTCUSDT_261225', base: 'BTC', quote: 'USDT', settle: 'USDT' }),
    ).toBe('BTC/USDT:USDT-261225');
    expect(
      unifiedBinanceSymbol('coinm', { symbol: 'BTCUSD_PERP', base: 'BTC', quote: 'USD', settle: 'BTC' }),
    ).toBe('BTC/USD:BTC');
    expect(unifiedBinanceSymbol('coinm', { symbol: 'BTCUSD_250328', base: 'BTC', quote: 'USD' })).toBe(
      'BTC/USD:BTC-250328',
    );
  });

  it('round-trips through normalizeBinanceSymbol', () => {
    for (const [market, symbol] of [
      ['usdm', 'BTCUSDT_261225'],
      ['coinm', 'BTCUSD_PERP'],
      ['coinm', 'ETHUSD_250328'],
    ] as const) {
      const base = symbol.slice(0, 3);
      const quote = market === 'usdm' ? 'USDT' : 'USD';
      const unified = unifiedBinanceSymbol(market, { symbol, base, quote });
      expect(normalizeBinanceSymbol(market, unified)).toBe(symbol);
    }
  });
});
