import type { Candle } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, candleToCsv } from './csv-formatter';
import { candleToJson } from './ndjson-formatter';
import { candleToPretty, decimalsOf, PrettyFormatter } from './pretty-formatter';

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

describe('pretty alignment', () => {
  it('pads prices to the decimals the stream has shown and keeps the columns aligned', () => {
    const formatter = new PrettyFormatter();
    const a = formatter.format(
      { ...candle, open: 65000.1, high: 65010.25, low: 64990, close: 65001, volume: 12.5 },
      'live',
    );
    const b = formatter.format(
      { ...candle, open: 9.5, high: 10, low: 9, close: 9.75, volume: 1234.125 },
      'live',
    );
    expect(a).toContain('O 65000.10  H 65010.25  L 64990.00  C 65001.00');
    expect(b).toContain('O     9.50  H    10.00  L     9.00  C     9.75');
    expect(a.indexOf(' H ')).toBe(b.indexOf(' H '));
    expect(a.indexOf(' C ')).toBe(b.indexOf(' C '));
  });

  it('reads decimals of numbers JavaScript prints in exponent form', () => {
    expect(decimalsOf(1e-7)).toBe(7);
    expect(decimalsOf(1.5e-7)).toBe(8);
    expect(decimalsOf(0.0016)).toBe(4);
    expect(decimalsOf(42)).toBe(0);
  });
});
