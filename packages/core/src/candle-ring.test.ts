import { describe, expect, it } from 'vitest';
import type { Candle } from './candle';
import { CandleRing } from './candle-ring';

const candle = (openTime: number): Candle => ({
  exchange: 'okx',
  market: 'spot',
  symbol: 'BTC-USDT',
  interval: '1m',
  openTime,
  closeTime: openTime + 59_999,
  open: 1,
  high: 1,
  low: 1,
  close: 1,
  volume: 0,
  closed: true,
});
const times = (candles: Candle[]) => candles.map((entry) => entry.openTime);

describe('CandleRing', () => {
  it('keeps the newest candles up to its capacity, oldest first', () => {
    const ring = new CandleRing(3);
    expect(ring.last()).toBeUndefined();
    expect(ring.lastN(5)).toEqual([]);
    for (let index = 1; index <= 5; index++) ring.push(candle(index));
    expect(ring.size).toBe(3);
    expect(times(ring.lastN(10))).toEqual([3, 4, 5]);
    expect(times(ring.lastN(2))).toEqual([4, 5]);
    expect(ring.lastN(0)).toEqual([]);
    expect(ring.last()?.openTime).toBe(5);
  });

  it('works before it is full and after clear', () => {
    const ring = new CandleRing();
    expect(ring.capacity).toBe(1000);
    ring.push(candle(1));
    ring.push(candle(2));
    expect(times(ring.lastN(5))).toEqual([1, 2]);
    ring.clear();
    expect(ring.size).toBe(0);
    expect(ring.last()).toBeUndefined();
  });

  it('rejects bad sizes naming the value', () => {
    expect(() => new CandleRing(0)).toThrow(/got 0/);
    expect(() => new CandleRing(2).lastN(Number.NaN)).toThrow(/got NaN/);
  });
});
