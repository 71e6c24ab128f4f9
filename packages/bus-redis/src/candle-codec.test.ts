import { describe, expect, it } from 'vitest';
import { decodeCandle, encodeCandle, entryCandle } from './candle-codec';

const candle = {
  exchange: 'binance' as const,
  market: 'spot' as const,
  symbol: 'BTCUSDT',
  interval: '1m' as const,
  openTime: 1_767_225_600_000,
  closeTime: 1_767_225_659_999,
  open: 1,
  high: 2,
  low: 0.5,
  close: 1.5,
  volume: 10,
  quoteVolume: 15,
  trades: 3,
  closed: true,
};

describe('candle codec', () => {
  it('round-trips a candle', () => {
    expect(decodeCandle(encodeCandle(candle))).toEqual(candle);
    expect(entryCandle(['c', encodeCandle(candle)])).toEqual(candle);
  });

  it('rejects bad entries naming what is wrong', () => {
    expect(() => decodeCandle('{"exchange":')).toThrow('bus entry is not JSON: {"exchange":');
    expect(() => decodeCandle('[1]')).toThrow('bus entry is not a candle object');
    expect(() => decodeCandle(JSON.stringify({ ...candle, exchange: 'Kraken Pro' }))).toThrow(
      'names no valid stream',
    );
    expect(() => decodeCandle(JSON.stringify({ ...candle, close: 'x' }))).toThrow(
      'bus entry has no finite "close" (got "x")',
    );
    expect(() => decodeCandle(JSON.stringify({ ...candle, closed: 1 }))).toThrow('no boolean "closed"');
    expect(() => entryCandle(['x', '1'])).toThrow('bus entry has no "c" field');
  });
});
