import { describe, expect, it } from 'vitest';
import { klineTopic, parseKlineTopic } from './kline-topic';

describe('kline topic', () => {
  it('builds and parses kline.{interval}.{symbol}', () => {
    expect(klineTopic('usdm', { symbol: 'BTCUSDT', interval: '5m' })).toBe('kline.5.BTCUSDT');
    expect(klineTopic('spot', { symbol: 'ETHUSDC', interval: '1d' })).toBe('kline.D.ETHUSDC');
    expect(parseKlineTopic('kline.30.BTCUSDT')).toEqual({ symbol: 'BTCUSDT', interval: '30m' });
    expect(parseKlineTopic('kline.M.BTCUSDT-21FEB25')).toEqual({ symbol: 'BTCUSDT-21FEB25', interval: '1M' });
  });

  it('refuses other topics and unknown intervals', () => {
    expect(parseKlineTopic('orderbook.50.BTCUSDT')).toBeUndefined();
    expect(parseKlineTopic('tickers.XUSDT')).toBeUndefined();
    expect(parseKlineTopic('kline.480.BTCUSDT')).toBeUndefined();
    expect(parseKlineTopic('kline.5.')).toBeUndefined();
    expect(parseKlineTopic('kline.5')).toBeUndefined();
  });

  it('throws for intervals Bybit lacks', () => {
    expect(() => klineTopic('spot', { symbol: 'BTCUSDT', interval: '8h' })).toThrow('"8h"');
  });
});
