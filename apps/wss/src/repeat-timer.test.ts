import { systemClock } from '@ohlcv/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BacklogFlusher } from './backlog-flusher';
import { repeatEvery } from './repeat-timer';

describe('repeatEvery', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs every interval on the clock until stopped, also when stopped from its own callback', () => {
    let runs = 0;
    const timer = repeatEvery(systemClock, 100, () => {
      runs += 1;
      if (runs === 3) timer.stop();
    });
    vi.advanceTimersByTime(99);
    expect(runs).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(runs).toBe(3);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('BacklogFlusher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('flushes backlogged clients every 10 ms until each has drained, and runs no timer otherwise', () => {
    const waiting = new Map([
      ['a', 2],
      ['b', 5],
    ]);
    const client = (name: string) => ({
      flushes: 0,
      flush() {
        this.flushes += 1;
        const left = (waiting.get(name) ?? 0) - 1;
        waiting.set(name, left);
        return left > 0;
      },
    });
    const [a, b] = [client('a'), client('b')];
    const flusher = new BacklogFlusher<typeof a>(systemClock);
    expect(vi.getTimerCount()).toBe(0);
    flusher.add(a);
    flusher.add(b);
    flusher.add(a);
    vi.advanceTimersByTime(100);
    expect([a.flushes, b.flushes]).toEqual([2, 5]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
