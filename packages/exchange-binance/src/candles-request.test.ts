import { OhlcvError, UnsupportedIntervalError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { binanceCandlesRequest, klinesWeight } from './candles-request';
import { COINM_MAX_SPAN_MS } from './market-specs';

const query = {
  symbol: 'BTCUSDT',
  interval: '1m' as const,
  startTime: 1_700_000_000_000,
  endTime: 1_700_059_940_000,
  limit: 1000,
};

describe('binanceCandlesRequest', () => {
  it('asks spot /api/v3/klines for the window, weight 2', () => {
    expect(binanceCandlesRequest('spot', 'https://api.binance.com', query)).toEqual({
      method: 'GET',
      url: 'https://api.binance.com/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=1700000000000&endTime=1700059940000&limit=1000',
      weight: 2,
    });
  });

  it('asks /fapi/v1/klines and /dapi/v1/klines on futures with weight by limit', () => {
    const usdm = binanceCandlesRequest('usdm', 'http://127.0.0.1:8080', { ...query, limit: 1500 });
    expect(usdm.url).toBe(
      'http://127.0.0.1:8080/fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=1700000000000&endTime=1700059940000&limit=1500',
    );
    expect(usdm.weight).toBe(10);
    const coinm = binanceCandlesRequest('coinm', 'https://dapi.binance.com', {
      ...query,
      symbol: 'BTCUSD_PERP',
      limit: 99,
    });
    expect(coinm.url).toContain('https://dapi.binance.com/dapi/v1/klines?symbol=BTCUSD_PERP&');
    expect(coinm.weight).toBe(1);
  });

  it('cuts COIN-M windows to the 200-day maximum span', () => {
    const startTime = 1_600_000_000_000;
    const request = binanceCandlesRequest('coinm', 'https://dapi.binance.com', {
      symbol: 'BTCUSD_PERP',
      interval: '1d',
      startTime,
      endTime: startTime + 1499 * 86_400_000,
      limit: 1500,
    });
    expect(new URL(request.url).searchParams.get('endTime')).toBe(String(startTime + COINM_MAX_SPAN_MS));
    const usdm = binanceCandlesRequest('usdm', 'https://fapi.binance.com', {
      symbol: 'BTCUSDT',
      interval: '1d',
      startTime,
      endTime: startTime + 1499 * 86_400_000,
      limit: 1500,
    });
    expect(new URL(usdm.url).searchParams.get('endTime')).toBe(String(startTime + 1499 * 86_400_000));
  });

  it('encodes UTF-8 symbols', () => {
    const request = binanceCandlesRequest('spot', 'https://api.binance.com', {
      ...query,
      symbol: '币安人生USDT',
    });
    expect(new URL(request.url).searchParams.get('symbol')).toBe('币安人生USDT');
  });

  it('refuses 1s on futures, a limit above the page size and a reversed window', () => {
    expect(() =>
      binanceCandlesRequest('usdm', 'https://fapi.binance.com', { ...query, interval: '1s' }),
    ).toThrow(UnsupportedIntervalError);
    expect(() => binanceCandlesRequest('spot', 'https://api.binance.com', { ...query, limit: 1500 })).toThrow(
      /1500/,
    );
    expect(() => binanceCandlesRequest('spot', 'https://api.binance.com', { ...query, limit: 0 })).toThrow(
      OhlcvError,
    );
    expect(() =>
      binanceCandlesRequest('spot', 'https://api.binance.com', { ...query, startTime: 2, endTime: 1 }),
    ).toThrow(/before startTime/);
  });
});

describe('klinesWeight', () => {
  it.each([
    ['spot', 1, 2],
    ['spot', 1000, 2],
    ['usdm', 1, 1],
    ['usdm', 99, 1],
    ['usdm', 100, 2],
    ['usdm', 499, 2],
    ['coinm', 500, 5],
    ['coinm', 1000, 5],
    ['coinm', 1001, 10],
    ['usdm', 1500, 10],
  ] as const)('%s limit %i → %i', (market, limit, weight) => {
    expect(klinesWeight(market, limit)).toBe(weight);
  });
});
