import type { FeedEvent, Subscription } from '@ohlcv/core';
import { OhlcvError, silentLogger } from '@ohlcv/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WatchedStreams } from './watch-streams';

afterEach(() => {
  vi.useRealTimers();
});

/** A feed whose first `failures` subscribes fail with a rejected symbol; later ones work. */
function flakyFeed(failures: number) {
  let calls = 0;
  const feed = {
    calls: () => calls,
    subscribe(key: string, options: { onEvent?: (event: FeedEvent) => void } = {}): Subscription {
      calls += 1;
      const fails = calls <= failures;
      const error = new OhlcvError(`binance spot rejected symbol "X": gone`, { code: 'symbol_rejected' });
      const ready = fails ? Promise.reject(error) : Promise.resolve();
      ready.catch(() => {});
      if (fails) queueMicrotask(() => options.onEvent?.({ type: 'error', stream: key, error }));
      return {
        stream: key,
        ready,
        close() {},
        [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }),
      };
    },
  };
  return feed;
}

describe('WatchedStreams', () => {
  it('counts a failed stream as failed, retries it with backoff, and clears it once it works', async () => {
    vi.useFakeTimers();
    const feed = flakyFeed(2);
    const watched = new WatchedStreams({
      feed,
      keys: ['binance:spot:X:1m'],
      logger: silentLogger,
      backoff: { initialMs: 1_000, maxMs: 8_000 },
      random: () => 0.999,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(watched.failed()).toEqual([
      { stream: 'binance:spot:X:1m', reason: expect.stringMatching(/^failed \(symbol_rejected\)/) },
    ]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(feed.calls()).toBe(2);
    expect(watched.failed()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(feed.calls(), 'the second wait is longer').toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(feed.calls()).toBe(3);
    expect(watched.failed()).toEqual([]);
    watched.close();
  });
});
