import { systemClock } from '@ohlcv/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSocket } from '../test/fake-socket';
import { ClientOutbox } from './client-outbox';

const channelA = {};
const channelB = {};
const candle = (stream: string, openTime: number, closed: boolean, close: number) =>
  Buffer.from(JSON.stringify({ type: 'candle', stream, candle: { openTime, closed, close } }));

function batching(ms: number, maxBufferedBytes = 100_000) {
  const fake = fakeSocket();
  const onOverflow = vi.fn();
  const onBacklog = vi.fn();
  const outbox = new ClientOutbox(fake.asWebSocket, {
    maxBufferedBytes,
    highWaterBytes: 1_000,
    onOverflow,
    onBacklog,
    clock: systemClock,
  });
  outbox.setBatch(ms);
  return { ...fake, outbox, onOverflow, onBacklog };
}

/** The events of each batch frame sent (a plain frame is listed as itself). */
function frames(sent: string[]): unknown[] {
  return sent.map((text) => {
    const value = JSON.parse(text) as { type: string; events?: unknown[] };
    return value.type === 'batch' ? value.events : value;
  });
}

describe('ClientOutbox batching', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the stream messages of one window as one batch frame, the window starting with its first message', () => {
    const { sent, outbox } = batching(20);
    vi.advanceTimersByTime(100);
    outbox.sendCandle(candle('a', 1, false, 10), channelA, false, 1);
    vi.advanceTimersByTime(10);
    outbox.sendCandle(candle('b', 1, true, 20), channelB, true, 1);
    outbox.sendText('{"type":"stalled","stream":"c","silentMs":5}');
    vi.advanceTimersByTime(9);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0] as string)).toEqual({
      type: 'batch',
      events: [
        { type: 'candle', stream: 'a', candle: { openTime: 1, closed: false, close: 10 } },
        { type: 'candle', stream: 'b', candle: { openTime: 1, closed: true, close: 20 } },
        { type: 'stalled', stream: 'c', silentMs: 5 },
      ],
    });
    // Nothing held: no frame, no timer.
    vi.advanceTimersByTime(1_000);
    expect(sent).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps the latest open update per stream in a window and never drops a closed candle', () => {
    const { sent, outbox } = batching(50);
    outbox.sendCandle(candle('a', 1, false, 1), channelA, false, 1);
    outbox.sendCandle(candle('a', 1, false, 2), channelA, false, 1);
    outbox.sendCandle(candle('a', 1, true, 3), channelA, true, 1);
    outbox.sendCandle(candle('a', 2, false, 4), channelA, false, 2);
    outbox.sendCandle(candle('a', 2, false, 5), channelA, false, 2);
    outbox.sendCandle(candle('a', 2, true, 6), channelA, true, 2);
    outbox.sendCandle(candle('a', 3, false, 7), channelA, false, 3);
    vi.advanceTimersByTime(50);
    const closes = (frames(sent)[0] as Array<{ candle: { close: number } }>).map((e) => e.candle.close);
    expect(closes).toEqual([3, 6, 7]);
  });

  it('conflates per stream also in a window of many streams (past the scanned slots, by a map)', () => {
    const { sent, outbox } = batching(50);
    const channels = Array.from({ length: 40 }, () => ({}));
    for (let round = 1; round <= 3; round += 1)
      for (const [index, channel] of channels.entries())
        outbox.sendCandle(candle(`s${index}`, 1, false, round * 100 + index), channel, false, 1);
    outbox.sendCandle(candle('s7', 1, true, 999), channels[7] as object, true, 1);
    outbox.sendCandle(candle('s7', 2, false, 1_000), channels[7] as object, false, 2);
    outbox.sendCandle(candle('s7', 2, false, 1_001), channels[7] as object, false, 2);
    vi.advanceTimersByTime(50);
    const events = frames(sent)[0] as Array<{ stream: string; candle: { close: number } }>;
    expect(events.map((event) => `${event.stream}=${event.candle.close}`)).toEqual([
      ...channels.map((_, index) => `s${index}=${300 + index}`).filter((entry) => !entry.startsWith('s7=')),
      's7=999',
      's7=1001',
    ]);
  });

  it('a reply is never batched: the held batch goes out first, then the reply as its own frame', () => {
    const { sent, outbox } = batching(1_000);
    outbox.sendCandle(candle('a', 1, false, 1), channelA, false, 1);
    outbox.sendCandle(candle('b', 1, false, 2), channelB, false, 1);
    outbox.sendReply('{"type":"pong","id":1}');
    expect(frames(sent)).toEqual([
      [
        { type: 'candle', stream: 'a', candle: { openTime: 1, closed: false, close: 1 } },
        { type: 'candle', stream: 'b', candle: { openTime: 1, closed: false, close: 2 } },
      ],
      { type: 'pong', id: 1 },
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('while the socket is behind, the window keeps gathering (conflating) and goes out once it has room', () => {
    const { socket, sent, outbox } = batching(20);
    socket.bufferedAmount = 5_000;
    for (let close = 1; close <= 100; close += 1)
      outbox.sendCandle(candle('a', 1, false, close), channelA, false, 1);
    outbox.sendCandle(candle('b', 7, true, 70), channelB, true, 7);
    vi.advanceTimersByTime(200);
    expect(sent).toEqual([]);
    socket.bufferedAmount = 0;
    vi.advanceTimersByTime(20);
    expect(frames(sent)).toEqual([
      [
        { type: 'candle', stream: 'a', candle: { openTime: 1, closed: false, close: 100 } },
        { type: 'candle', stream: 'b', candle: { openTime: 7, closed: true, close: 70 } },
      ],
    ]);
  });

  it('counts what the window holds toward the slow-client bound', () => {
    const { socket, outbox, onOverflow } = batching(20, 2_000);
    socket.bufferedAmount = 1_500;
    for (let openTime = 1; openTime <= 20; openTime += 1)
      outbox.sendCandle(candle('a', openTime, true, openTime), channelA, true, openTime);
    expect(onOverflow).toHaveBeenCalledTimes(1);
    expect(outbox.closed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('off again (0): what is held goes out at once and later messages are plain frames', () => {
    const { sent, outbox } = batching(20);
    outbox.sendCandle(candle('a', 1, true, 1), channelA, true, 1);
    outbox.sendCandle(candle('b', 1, true, 9), channelB, true, 1);
    outbox.setBatch(0);
    outbox.sendCandle(candle('a', 2, true, 2), channelA, true, 2);
    expect(frames(sent)).toEqual([
      [
        { type: 'candle', stream: 'a', candle: { openTime: 1, closed: true, close: 1 } },
        { type: 'candle', stream: 'b', candle: { openTime: 1, closed: true, close: 9 } },
      ],
      { type: 'candle', stream: 'a', candle: { openTime: 2, closed: true, close: 2 } },
    ]);
    expect(outbox.batchMs).toBe(0);
  });
});
