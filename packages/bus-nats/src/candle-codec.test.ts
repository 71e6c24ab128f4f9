import type { Candle } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { candleProblem, decodeCandle, encodeCandle } from './candle-codec';

const candle: Candle = {
  exchange: 'hyperliquid',
  market: 'spot',
  symbol: 'PURR/USDC',
  interval: '1m',
  openTime: 1_700_000_040_000,
  closeTime: 1_700_000_099_999,
  open: 1,
  high: 2,
  low: 0.5,
  close: 1.5,
  volume: 10,
  trades: 3,
  closed: true,
};
const key = 'hyperliquid:spot:PURR/USDC:1m';
const bytes = (text: string) => new TextEncoder().encode(text);

describe('candle codec', () => {
  it('round-trips a candle', () => {
    expect(decodeCandle(encodeCandle(candle), key, 'subject s', 1)).toEqual(candle);
  });

  it('names the message and the field when the body is not a candle', () => {
    expect(() => decodeCandle(bytes('{'), key, 'subject s', 7)).toThrow(/subject s #7: message is not JSON/);
    expect(() => decodeCandle(bytes(JSON.stringify({ ...candle, high: 'x' })), key, 's', 8)).toThrow(
      /s #8: not a candle: open\/high\/low\/close\/volume \[1,"x"/,
    );
    expect(() => decodeCandle(bytes(JSON.stringify({ ...candle, openTime: 1.5 })), key, 's', 9)).toThrow(
      /openTime 1.5/,
    );
  });

  it('refuses a candle of another stream', () => {
    expect(() => decodeCandle(encodeCandle({ ...candle, symbol: 'HYPE/USDC' }), key, 's')).toThrow(
      /candle of hyperliquid:spot:HYPE\/USDC:1m found in the subject of hyperliquid:spot:PURR\/USDC:1m/,
    );
  });

  it('checks every field', () => {
    expect(candleProblem(candle)).toBeUndefined();
    expect(candleProblem(null)).toMatch(/expected an object/);
    expect(candleProblem({ ...candle, exchange: 'Kraken Pro' })).toBe('exchange "Kraken Pro"');
    expect(candleProblem({ ...candle, market: 'perp' })).toBe('market "perp"');
    expect(candleProblem({ ...candle, interval: '7m' })).toBe('interval "7m"');
    expect(candleProblem({ ...candle, closed: 1 })).toBe('closed 1');
    expect(candleProblem({ ...candle, trades: Number.NaN })).toBe('trades NaN');
  });
});
