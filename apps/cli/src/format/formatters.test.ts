import type { Candle } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, candleToCsv } from './csv-formatter';
import { candleToJson } from './ndjson-formatter';
import { candleToPretty } from './pretty-formatter';

const candle: Candle = {
  exchange: 'binance',
  market: 'spot',
  symbol: 'BTCUSDT',
  interval: '1m',
  openTime: 1672515780000,
  closeTime: 1672515839999,
  open: 0.001,
  high: 0.0025,
  low: 0.0015,
  close: 0.002,
  volume: 1000,
  quoteVolume: 1,
  trades: 100,
  closed: true,
};

describe('candle formatters', () => {
  it('ndjson carries exactly the Candle fields, in order', () => {
    const parsed = JSON.parse(candleToJson(candle)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'exchange',
      'market',
      'symbol',
      'interval',
      'openTime',
      'closeTime',
      'open',
      'high',
      'low',
      'close',
      'volume',
      'quoteVolume',
      'trades',
      'closed',
    ]);
    expect(parsed).toEqual(candle);
  });

  it('ndjson omits optional fields the venue did not give', () => {
    const { quoteVolume: _q, trades: _t, ...bare } = candle;
    expect(Object.keys(JSON.parse(candleToJson(bare)) as object)).not.toContain('trades');
  });

  it('csv follows the header columns and leaves absent values empty', () => {
    expect(candleToCsv(candle).split(',')).toHaveLength(CSV_COLUMNS.length);
    const { trades: _t, ...noTrades } = candle;
    expect(candleToCsv(noTrades)).toBe(
      'binance,spot,BTCUSDT,1m,1672515780000,1672515839999,0.001,0.0025,0.0015,0.002,1000,1,,true',
    );
  });

  it('pretty says where a closed candle came from', () => {
    expect(candleToPretty(candle, 'live')).toContain('2022-12-31 19:43:00Z');
    expect(candleToPretty(candle, 'rest')).toContain('closed (from REST)');
    expect(candleToPretty({ ...candle, closed: false }, 'live')).toMatch(/open$/);
  });
});
