import { describe, expect, it, vi } from 'vitest';
import type { Candle } from './candle';
import { Consumer } from './consumer';
import type { FeedEvent } from './feed-types';

const made = vi.hoisted(() => ({ buffers: 0 }));
vi.mock('./conflating-buffer', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./conflating-buffer')>();
  class CountingBuffer<T> extends actual.ConflatingBuffer<T> {
    constructor(...args: ConstructorParameters<typeof actual.ConflatingBuffer<T>>) {
      super(...args);
      made.buffers += 1;
    }
  }
  return { ...actual, ConflatingBuffer: CountingBuffer };
});

const event = (openTime: number, closed: boolean): FeedEvent => ({
  type: 'candle',
  stream: 'binance:spot:BTCUSDT:1m',
  candle: { openTime, closed } as Candle,
  source: 'live',
  receivedAt: 0,
});

describe('Consumer buffer', () => {
  it('an onEvent-only consumer gets no conflating buffer; events still reach the listener', () => {
    made.buffers = 0;
    const seen: FeedEvent[] = [];
    const consumer = new Consumer('s', { onEvent: (e) => seen.push(e) });
    consumer.deliver(event(0, false));
    consumer.deliver(event(0, true));
    expect(seen).toHaveLength(2);
    expect(made.buffers).toBe(0);
    consumer.close();
  });

  it('a listener that starts iterating gets its buffer then, and the iterator sees later events', async () => {
    made.buffers = 0;
    const consumer = new Consumer('s', { onEvent: () => {} });
    consumer.deliver(event(0, true));
    const iterator = consumer[Symbol.asyncIterator]();
    expect(made.buffers).toBe(1);
    consumer.deliver(event(60_000, true));
    expect((await iterator.next()).value).toEqual(event(60_000, true));
    consumer.close();
  });

  it('an iterator-only consumer buffers from the start; a bad bufferSize still throws at once', () => {
    made.buffers = 0;
    const consumer = new Consumer('s');
    expect(made.buffers).toBe(1);
    consumer.close();
    expect(() => new Consumer('s', { onEvent: () => {}, bufferSize: 0 })).toThrow(
      /buffer bound must be an integer >= 1, got 0/,
    );
  });
});
