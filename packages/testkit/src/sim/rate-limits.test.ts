import { describe, expect, it } from 'vitest';
import { FixedWindowCounter, SlidingWindowLimit } from './rate-limits';

describe('rate limits', () => {
  it('SlidingWindowLimit allows `limit` hits per window', () => {
    const limit = new SlidingWindowLimit(3, 1_000);
    expect([limit.hit(0), limit.hit(100), limit.hit(200), limit.hit(300)]).toEqual([true, true, true, false]);
    const fresh = new SlidingWindowLimit(2, 1_000);
    expect([fresh.hit(0), fresh.hit(900), fresh.hit(1_000), fresh.hit(1_100)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('FixedWindowCounter resets at aligned window starts', () => {
    const counter = new FixedWindowCounter(60_000);
    expect(counter.add(2, 59_000)).toBe(2);
    expect(counter.add(5, 59_999)).toBe(7);
    expect(counter.add(1, 60_000)).toBe(1);
    expect(counter.windowEnd(60_500)).toBe(120_000);
    expect(counter.usedAt(60_500)).toBe(1);
  });
});
