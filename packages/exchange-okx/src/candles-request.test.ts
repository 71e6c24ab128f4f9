import { OhlcvError, UnsupportedIntervalError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { okxCandlesPath, okxCandlesRequest } from './candles-request';
import { createOkxAdapter, okx } from './okx-adapter';

const query = {
  symbol: 'BTC-USDT-SWAP',
  interval: '1m',
  startTime: 1789470120000,
  endTime: 1789470240000,
  limit: 3,
} as const;

describe('okxCandlesRequest', () => {
  it('asks history-candles with exclusive bounds around the inclusive window, weight 2', () => {
    const request = okxCandlesRequest('usdm', 'http://127.0.0.1:9000/', query);
    expect(request).toEqual({
      method: 'GET',
      url: 'http://127.0.0.1:9000/api/v5/market/history-candles?instId=BTC-USDT-SWAP&bar=1m&after=1789470240001&before=1789470119999&limit=3',
      weight: 2,
    });
  });

  it('uses the UTC-aligned bar ids', () => {
    expect(okxCandlesRequest('spot', 'https://www.okx.com', { ...query, interval: '1d' }).url).toContain(
      'bar=1Dutc',
    );
    expect(okxCandlesRequest('spot', 'https://www.okx.com', { ...query, interval: '1h' }).url).toContain(
      'bar=1H',
    );
  });

  it('uses candles (weight 1) only with a venue clock and a window within the latest rows', () => {
    const now = query.endTime + 60_000;
    const recent = okxCandlesRequest('spot', 'https://www.okx.com', query, now);
    expect(recent.url).toContain('/api/v5/market/candles?');
    expect(recent.weight).toBe(1);
    expect(okxCandlesPath('1m', now - 1_300 * 60_000, now)).toBe('/api/v5/market/history-candles');
    expect(okxCandlesPath('1s', now, now)).toBe('/api/v5/market/history-candles');
  });

  it("uses the engine's now only when told to trust it, never a clock of its own", () => {
    const now = query.endTime + 60_000;
    expect(okx.candlesRequest('spot', 'https://www.okx.com', query, now).url).toContain(
      '/market/history-candles?',
    );
    expect(
      createOkxAdapter({ trustClock: true }).candlesRequest('spot', 'https://www.okx.com', query, now).url,
    ).toContain('/market/candles?');
  });

  it('refuses limits above 100, reversed windows and 8h', () => {
    expect(() => okxCandlesRequest('spot', 'https://www.okx.com', { ...query, limit: 101 })).toThrowError(
      /1\.\.100, got 101/,
    );
    expect(() => okxCandlesRequest('spot', 'https://www.okx.com', { ...query, endTime: 0 })).toThrowError(
      OhlcvError,
    );
    expect(() => okxCandlesRequest('spot', 'https://www.okx.com', { ...query, interval: '8h' })).toThrowError(
      UnsupportedIntervalError,
    );
    expect(() => okxCandlesRequest('spot', 'https://www.okx.com', { ...query, interval: '8h' })).toThrowError(
      /no 8h bar/,
    );
  });
});
