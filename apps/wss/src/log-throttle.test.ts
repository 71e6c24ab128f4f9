import { describe, expect, it } from 'vitest';
import { LogThrottle } from './log-throttle';

describe('LogThrottle', () => {
  it('lets one line through per interval and counts the rest', () => {
    let now = 0;
    const throttle = new LogThrottle(1_000, () => now);
    expect(throttle.take()).toBe(0);
    for (let index = 0; index < 500; index += 1) expect(throttle.take()).toBeUndefined();
    now = 999;
    expect(throttle.take()).toBeUndefined();
    now = 1_000;
    expect(throttle.take()).toBe(501);
    expect(throttle.take()).toBeUndefined();
  });
});
