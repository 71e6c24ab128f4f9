import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst, then perSecond on average', () => {
    let now = 0;
    const limiter = new RateLimiter(5, () => now);
    for (let index = 0; index < 5; index += 1) expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
    now = 200;
    expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
  });

  it('takes several tokens at once and says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(100, () => now, 1_000);
    expect(limiter.take(800)).toBe(true);
    expect(limiter.take(300)).toBe(false);
    expect(limiter.waitMs(300)).toBe(1_000);
    expect(limiter.waitMs(5_000)).toBe(Number.POSITIVE_INFINITY);
    now = 1_000;
    expect(limiter.take(300)).toBe(true);
  });
});
