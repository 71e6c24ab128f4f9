import { OhlcvError, UnsupportedIntervalError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { binanceInterval, intervalFromBinance } from './binance-interval';
import { binanceStreamName, binanceSubscribeFrame, binanceUnsubscribeFrame } from './stream-frames';

describe('binanceStreamName', () => {
  it('lower-cases the symbol (upper-case names are acked and never deliver)', () => {
    expect(binanceStreamName('spot', { symbol: 'BTCUSDT', interval: '1m' })).toBe('btcusdt@kline_1m');
    expect(binanceStreamName('coinm', { symbol: 'BTCUSD_PERP', interval: '1M' })).toBe(
      'btcusd_perp@kline_1M',
    );
    expect(binanceStreamName('spot', { symbol: 'BTCUSDT', interval: '1s' })).toBe('btcusdt@kline_1s');
  });

  it('rejects 1s on futures, naming interval and market', () => {
    expect(() => binanceStreamName('usdm', { symbol: 'BTCUSDT', interval: '1s' })).toThrow(
      UnsupportedIntervalError,
    );
    expect(() => binanceStreamName('usdm', { symbol: 'BTCUSDT', interval: '1s' })).toThrow(
      /unsupported interval "1s" on binance usdm/,
    );
  });
});

describe('subscribe and unsubscribe frames', () => {
  const streams = [
    { symbol: 'BTCUSDT', interval: '1m' as const },
    { symbol: 'ETHUSDT', interval: '5m' as const },
  ];

  it('writes the documented SUBSCRIBE frame', () => {
    expect(JSON.parse(binanceSubscribeFrame('spot', streams, 1))).toEqual({
      method: 'SUBSCRIBE',
      params: ['btcusdt@kline_1m', 'ethusdt@kline_5m'],
      id: 1,
    });
  });

  it('writes the documented UNSUBSCRIBE frame', () => {
    expect(binanceUnsubscribeFrame('usdm', [streams[0]!], 312)).toBe(
      '{"method":"UNSUBSCRIBE","params":["btcusdt@kline_1m"],"id":312}',
    );
  });

  it('refuses an empty frame, a bad id and an unsupported interval', () => {
    expect(() => binanceSubscribeFrame('spot', [], 1)).toThrow(OhlcvError);
    expect(() => binanceSubscribeFrame('spot', streams, -1)).toThrow(/-1/);
    expect(() => binanceSubscribeFrame('coinm', [{ symbol: 'BTCUSD_PERP', interval: '1s' }], 1)).toThrow(
      UnsupportedIntervalError,
    );
  });
});

describe('intervals', () => {
  it('maps both ways and refuses what the market lacks', () => {
    expect(binanceInterval('spot', '1s')).toBe('1s');
    expect(binanceInterval('coinm', '1w')).toBe('1w');
    expect(intervalFromBinance('usdm', '1M')).toBe('1M');
    expect(intervalFromBinance('usdm', '1s')).toBeUndefined();
    expect(intervalFromBinance('spot', '2d')).toBeUndefined();
  });
});
