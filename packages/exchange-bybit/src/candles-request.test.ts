import { describe, expect, it } from 'vitest';
import { candlesRequest } from './candles-request';

const query = { symbol: 'BTCUSDT', interval: '5m', startTime: 1000, endTime: 2000, limit: 1000 } as const;

describe('candlesRequest', () => {
  it('builds /v5/market/kline on the given base with the category of the market', () => {
    const request = candlesRequest('usdm', 'http://127.0.0.1:9000/', query);
    expect(request).toEqual({
      method: 'GET',
      url: 'http://127.0.0.1:9000/v5/market/kline?category=linear&symbol=BTCUSDT&interval=5&start=1000&end=2000&limit=1000',
      weight: 1,
    });
    expect(candlesRequest('coinm', 'https://api.bybit.com', { ...query, interval: '1w' }).url).toContain(
      'category=inverse&symbol=BTCUSDT&interval=W',
    );
  });

  it('refuses bad input naming the value', () => {
    expect(() => candlesRequest('spot', 'https://api.bybit.com', { ...query, interval: '3d' })).toThrow(
      '"3d"',
    );
    expect(() => candlesRequest('spot', 'https://api.bybit.com', { ...query, limit: 1001 })).toThrow(
      'limit 1001',
    );
    expect(() => candlesRequest('spot', 'https://api.bybit.com', { ...query, endTime: 10 })).toThrow(
      'endTime 10',
    );
    expect(() =>
      candlesRequest('spot', 'https://api.bybit.com', { ...query, startTime: Number.NaN }),
    ).toThrow('NaN');
  });
});
