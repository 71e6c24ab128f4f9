import { describe, expect, it } from 'vitest';
import { WeightWindow } from './weight-window';

describe('WeightWindow', () => {
  it('lets at most the capacity through any window, where a token bucket would let twice as much', () => {
    let now = 0;
    const window = new WeightWindow(40, 2_000, () => now);
    // 40 requests of weight 2 (OKX history-candles: 20 per 2 s), taken at once: their send times.
    const sendTimes = Array.from({ length: 40 }, () => now + window.take(2));
    expect(sendTimes.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 0));
    expect(sendTimes.slice(20)).toEqual(Array.from({ length: 20 }, () => 2_000));
    for (const at of sendTimes) {
      const inWindow = sendTimes.filter((other) => other > at - 2_000 && other <= at).length;
      expect(inWindow).toBeLessThanOrEqual(20);
    }
    now = 2_500;
    expect(window.take(2), 'the second batch still fills its window').toBe(1_500);
  });

  it('frees weight as sends leave the window and honours an earliest time', () => {
    let now = 0;
    const window = new WeightWindow(3, 1_000, () => now);
    expect(window.take(1)).toBe(0);
    now = 400;
    expect(window.take(2)).toBe(0);
    expect(window.take(1)).toBe(600);
    now = 1_000;
    expect(window.take(1)).toBe(400);
    now = 5_000;
    expect(window.take(1, 5_300)).toBe(300);
    expect(window.take(9), 'a weight above the capacity is capped').toBe(1_000 + 300);
  });
});
