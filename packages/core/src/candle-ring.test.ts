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

describe('CandleRing allocation', () => {
  it('grows its slots with the candles pushed: 10,000 empty rings of 1,000 hold no 10 M slots', () => {
    const before = process.memoryUsage().heapUsed;
    const rings = Array.from({ length: 10_000 }, () => new CandleRing(1000));
    const grown = process.memoryUsage().heapUsed - before;
    // Up-front slots would be 10,000 × 1,000 × 8 bytes = 80 MB, all live (the rings are kept).
    expect(grown).toBeLessThan(20 * 2 ** 20);
    expect(rings).toHaveLength(10_000);
  });

  it('wraps after growing to capacity, oldest first', () => {
    const ring = new CandleRing(3);
    for (const openTime of [1, 2]) ring.push(candle(openTime));
    expect(times(ring.lastN(5))).toEqual([1, 2]);
    for (const openTime of [3, 4, 5]) ring.push(candle(openTime));
    expect(times(ring.lastN(5))).toEqual([3, 4, 5]);
    expect(ring.last()?.openTime).toBe(5);
    ring.clear();
    expect(ring.size).toBe(0);
    ring.push(candle(6));
    expect(times(ring.lastN(2))).toEqual([6]);
  });
});
