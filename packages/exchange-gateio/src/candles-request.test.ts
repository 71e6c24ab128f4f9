import { describe, expect, it } from 'vitest';
import { candlesRequest } from './candles-request';

describe('candlesRequest', () => {
  it('spot: currency_pair, inclusive from/to in seconds, no limit', () => {
    const request = candlesRequest('spot', 'http://127.0.0.1:9000/', {
      symbol: 'BTC_USDT',
      interval: '1m',
      startTime: 60_000,
      endTime: 180_000,
      limit: 1000,
    });
    expect(request).toEqual({
      method: 'GET',
      url: 'http://127.0.0.1:9000/api/v4/spot/candlesticks?currency_pair=BTC_USDT&interval=1m&from=60&to=180',
      weight: 1,
    });
  });

  it('futures: settle path and contract; to capped at limit − 1 intervals after from', () => {
    const usdm = candlesRequest('usdm', 'https://api.gateio.ws', {
      symbol: 'BTC_USDT',
      interval: '1h',
      startTime: 0,
      endTime: 10_000 * 3_600_000,
      limit: 5000,
    });
    expect(usdm.url).toBe(
      `https://api.gateio.ws/api/v4/futures/usdt/candlesticks?contract=BTC_USDT&interval=1h&from=0&to=${1998 * 3600}`,
    );
    const coinm = candlesRequest('coinm', 'https://api.gateio.ws', {
      symbol: 'BTC_USD',
      interval: '1m',
      startTime: 0,
      endTime: 600_000,
      limit: 3,
    });
    expect(coinm.url).toContain(
      '/api/v4/futures/btc/candlesticks?contract=BTC_USD&interval=1m&from=0&to=120',
    );
    expect(coinm.url).not.toContain('limit');
  });

  it('rejects 1w and an inverted window with clear errors', () => {
    const base = { symbol: 'BTC_USDT', startTime: 0, endTime: 0, limit: 10 };
    expect(() => candlesRequest('spot', 'https://x', { ...base, interval: '1w' })).toThrow(/"1w".*Thursday/);
    expect(() =>
      candlesRequest('spot', 'https://x', { ...base, interval: '1m', startTime: 120_000, endTime: 60_000 }),
    ).toThrow(/120000\.\.60000/);
  });
});
