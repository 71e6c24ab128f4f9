import { UnsupportedIntervalError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { candleSnapshotWeight, hyperliquidCandlesRequest } from './candles-request';

describe('hyperliquidCandlesRequest', () => {
  it('posts a candleSnapshot to /info of the given base', () => {
    const request = hyperliquidCandlesRequest('usdm', 'http://127.0.0.1:9000/', {
      symbol: 'kPEPE',
      interval: '15m',
      startTime: 1681923600000,
      endTime: 1681924500000,
      limit: 2,
    });
    expect(request).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:9000/info',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"candleSnapshot","req":{"coin":"kPEPE","interval":"15m","startTime":1681923600000,"endTime":1681924500000}}',
      weight: 20,
    });
  });

  it('weighs 20 plus one per 60 rows', () => {
    expect(candleSnapshotWeight(59)).toBe(20);
    expect(candleSnapshotWeight(60)).toBe(21);
    expect(candleSnapshotWeight(5000)).toBe(103);
  });

  it('sends a negative startTime as 0 (the venue answers 422)', () => {
    const request = hyperliquidCandlesRequest('spot', 'https://api.hyperliquid.xyz', {
      symbol: '@107',
      interval: '1w',
      startTime: -1000,
      endTime: 5,
      limit: 10,
    });
    expect(JSON.parse(request.body!).req).toEqual({ coin: '@107', interval: '1w', startTime: 0, endTime: 5 });
  });

  it('rejects intervals the venue lacks and bad windows', () => {
    const base = { symbol: 'BTC', startTime: 0, endTime: 1, limit: 1 };
    expect(() => hyperliquidCandlesRequest('usdm', 'https://x', { ...base, interval: '6h' })).toThrow(
      UnsupportedIntervalError,
    );
    expect(() => hyperliquidCandlesRequest('usdm', 'https://x', { ...base, interval: '1s' })).toThrow(/"1s"/);
    expect(() =>
      hyperliquidCandlesRequest('usdm', 'https://x', { ...base, interval: '1m', startTime: 5, endTime: 1 }),
    ).toThrow(/startTime=5 endTime=1/);
  });
});
