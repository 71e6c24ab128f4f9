import { describe, expect, it } from 'vitest';
import type { Candle } from './candle';
import { ConflatingBuffer, feedEventConflation } from './conflating-buffer';
import type { FeedEvent } from './feed-types';

function candleEvent(stream: string, openTime: number, closed: boolean, close = 0): FeedEvent {
  const candle: Candle = {
    exchange: 'binance',
    market: 'spot',
    symbol: stream,
    interval: '1m',
    openTime,
    closeTime: openTime + 59,
    open: 1,
    high: 1,
    low: 1,
    close,
    volume: 1,
    closed,
  };
  return { type: 'candle', stream, candle, source: 'live', receivedAt: 0 };
}
const open = (stream: string, openTime: number, close = 0) => candleEvent(stream, openTime, false, close);
const closed = (stream: string, openTime: number) => candleEvent(stream, openTime, true);

/** One line per event: `a open 1 (close 5)`, `a closed 1`, `a stalled`. */
function describeEvent(event: FeedEvent): string {
  if (event.type !== 'candle') return `${event.stream} ${event.type}`;
  const kind = event.candle.closed ? 'closed' : 'open';
  return `${event.stream} ${kind} ${event.candle.openTime}${event.candle.closed ? '' : ` (close ${event.candle.close})`}`;
}

function drain(buffer: ConflatingBuffer<FeedEvent>): string[] {
  const lines: string[] = [];
  for (let event = buffer.shift(); event !== undefined; event = buffer.shift())
    lines.push(describeEvent(event));
  return lines;
}

describe('ConflatingBuffer', () => {
  it('queues closed items in order and conflates open ones to the latest per key, in place', () => {
    const buffer = new ConflatingBuffer(10, feedEventConflation);
    buffer.push(open('a', 1, 1));
    buffer.push(open('b', 1, 1));
    buffer.push(open('a', 1, 2));
    buffer.push(open('a', 1, 3));
    expect(buffer.size).toBe(2);
    expect(drain(buffer)).toEqual(['a open 1 (close 3)', 'b open 1 (close 1)']);
    expect(buffer.size).toBe(0);
  });

  it('removes a pending open update that a closed item of the same or a later candle supersedes', () => {
    const buffer = new ConflatingBuffer(10, feedEventConflation);
    buffer.push(open('a', 1));
    buffer.push(open('b', 1));
    buffer.push(closed('a', 1));
    buffer.push(open('c', 5));
    buffer.push(closed('c', 6));
    expect(buffer.size).toBe(3);
    expect(drain(buffer)).toEqual(['b open 1 (close 0)', 'a closed 1', 'c closed 6']);
  });

  it('keeps a newer open update behind an older closed one, and queues later updates after the closed one', () => {
    const buffer = new ConflatingBuffer(10, feedEventConflation);
    buffer.push(open('a', 2, 1));
    buffer.push(closed('a', 1));
    buffer.push(open('a', 2, 2));
    expect(drain(buffer)).toEqual(['a open 2 (close 1)', 'a closed 1', 'a open 2 (close 2)']);
  });

  it('treats other events as closed: never conflated, and open updates do not jump ahead of them', () => {
    const buffer = new ConflatingBuffer(10, feedEventConflation);
    const stalled: FeedEvent = { type: 'stalled', stream: 'a', silentMs: 5 };
    buffer.push(open('a', 1, 1));
    buffer.push(stalled);
    buffer.push(stalled);
    buffer.push(open('a', 1, 2));
    expect(buffer.closedCount).toBe(2);
    expect(drain(buffer)).toEqual(['a open 1 (close 1)', 'a stalled', 'a stalled', 'a open 1 (close 2)']);
  });

  it('refuses a closed item beyond the bound but still conflates open ones', () => {
    const buffer = new ConflatingBuffer(2, feedEventConflation);
    expect(buffer.push(closed('a', 1))).toBe(true);
    expect(buffer.push(closed('a', 2))).toBe(true);
    expect(buffer.push(closed('a', 3))).toBe(false);
    expect(buffer.push(open('a', 3))).toBe(true);
    expect(buffer.push(open('b', 3))).toBe(true);
    expect(buffer.size).toBe(4);
    buffer.shift();
    expect(buffer.push(closed('a', 3))).toBe(true);
    expect(drain(buffer)).toEqual(['a closed 2', 'b open 3 (close 0)', 'a closed 3']);
  });

  it('grows past its initial ring and keeps conflating pending items at their place', () => {
    const buffer = new ConflatingBuffer(1_000, feedEventConflation);
    buffer.push(open('x', 1, 1));
    for (let index = 0; index < 100; index++) buffer.push(closed('a', index));
    buffer.push(open('x', 1, 2));
    const lines = drain(buffer);
    expect(lines).toHaveLength(101);
    expect(lines[0]).toBe('x open 1 (close 2)');
    expect(lines[100]).toBe('a closed 99');
  });

  it('keeps order over many wraps of the ring', () => {
    const buffer = new ConflatingBuffer(1_000, feedEventConflation);
    let expected = 0;
    for (let index = 0; index < 1_000; index++) {
      expect(buffer.push(closed('a', index))).toBe(true);
      if (index % 4 !== 0) {
        const event = buffer.shift();
        expect(event?.type === 'candle' && event.candle.openTime).toBe(expected++);
      }
    }
    expect(buffer.size).toBe(1_000 - expected);
  });

  it('clear empties everything, including pending conflation', () => {
    const buffer = new ConflatingBuffer(2, feedEventConflation);
    buffer.push(open('a', 1, 1));
    buffer.push(closed('b', 1));
    buffer.clear();
    expect(buffer.size).toBe(0);
    expect(buffer.shift()).toBeUndefined();
    buffer.push(open('a', 1, 2));
    expect(drain(buffer)).toEqual(['a open 1 (close 2)']);
  });

  it('rejects a bad bound naming the value', () => {
    expect(() => new ConflatingBuffer(0, feedEventConflation)).toThrow(/got 0/);
  });
});
