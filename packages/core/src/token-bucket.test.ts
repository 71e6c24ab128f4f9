import { describe, expect, it } from 'vitest';
import { OhlcvError } from './errors';
import { TokenBucket } from './token-bucket';

function setup() {
  let now = 0;
  // 5 per second, the control-message rate of several venues.
  const bucket = new TokenBucket({ capacity: 5, tokens: 5, perMs: 1_000, now: () => now });
  return { bucket, advance: (ms: number) => (now += ms) };
}

describe('TokenBucket', () => {
  it('starts full and refuses once empty', () => {
    const { bucket } = setup();
    for (let index = 0; index < 5; index++) expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    expect(bucket.waitTimeMs()).toBe(200);
  });

  it('refills continuously up to capacity', () => {
    const { bucket, advance } = setup();
    expect(bucket.tryTake(5)).toBe(true);
    advance(400);
    expect(bucket.waitTimeMs(2)).toBe(0);
    expect(bucket.waitTimeMs(3)).toBe(200);
    advance(60_000);
    expect(bucket.available).toBe(5);
  });

  it('waiting exactly waitTimeMs is enough despite fractional rates', () => {
    let now = 0;
    const bucket = new TokenBucket({ capacity: 480, tokens: 480, perMs: 3_600_000, now: () => now }); // OKX 480/hour
    expect(bucket.tryTake(480)).toBe(true);
    const wait = bucket.waitTimeMs(7);
    expect(wait).toBe(52_500);
    now += wait;
    expect(bucket.tryTake(7)).toBe(true);
  });

  it('take reserves in order, putting the bucket in debt', () => {
    const { bucket, advance } = setup();
    expect(bucket.take(5)).toBe(0);
    expect(bucket.take(1)).toBe(200);
    expect(bucket.take(2)).toBe(600); // behind the first reservation
    expect(bucket.available).toBe(-3);
    advance(600);
    expect(bucket.tryTake()).toBe(false);
    advance(200);
    expect(bucket.tryTake()).toBe(true);
  });

  it('accepts a rate per ms', () => {
    let now = 0;
    const bucket = new TokenBucket({ capacity: 6_000, refillPerMs: 0.1, now: () => now });
    bucket.take(6_000);
    now += 10;
    expect(bucket.available).toBeCloseTo(1);
  });

  it('drain empties the bucket (the venue says the budget is spent)', () => {
    const { bucket } = setup();
    bucket.drain();
    expect(bucket.waitTimeMs()).toBe(200);
  });

  it('rejects a take larger than the capacity, naming it', () => {
    const { bucket } = setup();
    expect(() => bucket.tryTake(6)).toThrow(/cannot take 6 tokens from a bucket of capacity 5/);
    expect(() => bucket.waitTimeMs(6)).toThrow(OhlcvError);
    expect(() => bucket.take(6)).toThrow(/6/);
    expect(() => bucket.tryTake(0)).toThrow(/positive number, got 0/);
  });

  it('rejects bad options naming the value', () => {
    expect(() => new TokenBucket({ capacity: 0, refillPerMs: 1 })).toThrow(/capacity .* got 0/);
    expect(() => new TokenBucket({ capacity: 5, tokens: 5, perMs: 0 })).toThrow(
      /refill rate .* got Infinity/,
    );
  });
});
