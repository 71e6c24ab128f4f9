import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';
import { OhlcvError } from './errors';

/** A backoff whose jitter is always the top of the range, so delays show the ceilings. */
function setup(options: { random?: () => number } = {}) {
  let now = 0;
  const backoff = new Backoff({
    initialMs: 100,
    maxMs: 1_000,
    stableAfterMs: 5_000,
    random: options.random ?? (() => 1),
    now: () => now,
  });
  return { backoff, advance: (ms: number) => (now += ms) };
}

describe('Backoff', () => {
  it('grows the ceiling exponentially up to maxMs', () => {
    const { backoff } = setup();
    const delays = Array.from({ length: 7 }, () => backoff.next());
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
    expect(backoff.attempt).toBe(7);
  });

  it('draws the delay uniformly below the ceiling (full jitter)', () => {
    const draws = [0, 0.5, 0.25];
    const { backoff } = setup({ random: () => draws.shift() ?? 0 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([0, 100, 100]);
  });

  it('keeps growing after a short-lived connection, so a flapping link does not hammer', () => {
    const { backoff, advance } = setup();
    backoff.next();
    backoff.next();
    backoff.succeeded();
    advance(4_999);
    expect(backoff.next()).toBe(400);
    expect(backoff.attempt).toBe(3);
  });

  it('starts over once a connection stayed up stableAfterMs', () => {
    const { backoff, advance } = setup();
    backoff.next();
    backoff.next();
    backoff.succeeded();
    advance(5_000);
    expect(backoff.next()).toBe(100);
    expect(backoff.attempt).toBe(1);
  });

  it('does not count an old success once the connection went down again', () => {
    const { backoff, advance } = setup();
    backoff.next();
    backoff.succeeded();
    advance(1_000);
    backoff.next(); // down after 1 s: not stable
    advance(10_000);
    expect(backoff.next()).toBe(400);
  });

  it('reset starts over at once', () => {
    const { backoff } = setup();
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(100);
  });

  it('rejects bad options naming the value', () => {
    expect(() => new Backoff({ initialMs: -1 })).toThrow(/initialMs .* got -1/);
    expect(() => new Backoff({ initialMs: 100, maxMs: 50 })).toThrow(
      /maxMs must be a finite number >= 100, got 50/,
    );
    expect(() => new Backoff({ multiplier: 0.5 })).toThrow(OhlcvError);
  });

  it('uses the defaults of 500 ms growing by 2 up to 30 s', () => {
    const backoff = new Backoff({ random: () => 1, now: () => 0 });
    const delays = Array.from({ length: 8 }, () => backoff.next());
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});
