import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';

function setup() {
  let now = 0;
  const breaker = new CircuitBreaker({ failureThreshold: 3, resetTimeoutMs: 1_000, now: () => now });
  return { breaker, advance: (ms: number) => (now += ms) };
}

function trip(breaker: CircuitBreaker): void {
  for (let index = 0; index < 3; index++) breaker.recordFailure();
}

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold and counts only consecutive failures', () => {
    const { breaker } = setup();
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    expect(breaker.canRequest()).toBe(true);
    expect(breaker.retryAt).toBeUndefined();
  });

  it('opens at the threshold and refuses requests until retryAt', () => {
    const { breaker, advance } = setup();
    advance(50);
    trip(breaker);
    expect(breaker.state).toBe('open');
    expect(breaker.retryAt).toBe(1_050);
    expect(breaker.canRequest()).toBe(false);
    advance(999);
    expect(breaker.canRequest()).toBe(false);
  });

  it('lets exactly one trial through when half-open; its success closes the breaker', () => {
    const { breaker, advance } = setup();
    trip(breaker);
    advance(1_000);
    expect(breaker.state).toBe('half-open');
    expect(breaker.canRequest()).toBe(true);
    expect(breaker.canRequest()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.canRequest()).toBe(true);
  });

  it('opens again for a full timeout when the trial fails', () => {
    const { breaker, advance } = setup();
    trip(breaker);
    advance(1_500);
    expect(breaker.canRequest()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.retryAt).toBe(2_500);
    advance(999);
    expect(breaker.canRequest()).toBe(false);
    advance(1);
    expect(breaker.canRequest()).toBe(true);
  });

  it('does not extend the open time for late failures of requests sent before it opened', () => {
    const { breaker, advance } = setup();
    trip(breaker);
    advance(300);
    breaker.recordFailure();
    expect(breaker.retryAt).toBe(1_000);
  });

  it('gives up on a trial that never reports and allows another', () => {
    const { breaker, advance } = setup();
    trip(breaker);
    advance(1_000);
    expect(breaker.canRequest()).toBe(true);
    advance(999);
    expect(breaker.canRequest()).toBe(false);
    advance(1);
    expect(breaker.canRequest()).toBe(true);
  });

  it('rejects bad options naming the value', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0 })).toThrow(/failureThreshold .* got 0/);
    expect(() => new CircuitBreaker({ resetTimeoutMs: Number.NaN })).toThrow(/resetTimeoutMs .* got NaN/);
  });
});
