import { systemClock } from '@ohlcv/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSocket } from '../test/fake-socket';
import { BatchWindowSet, slackMs } from './batch-windows';
import { ClientOutbox } from './client-outbox';

const channelA = {};
const channelB = {};
const candle = (stream: string, openTime: number, close: number) =>
  Buffer.from(JSON.stringify({ type: 'candle', stream, candle: { openTime, closed: true, close } }));

/** `count` clients on one shared window set; each records when (fake time) it was sent what. */
function clients(count: number, batchMs: number | number[]) {
  const windows = new BatchWindowSet(systemClock);
  return {
    windows,
    clients: Array.from({ length: count }, (_, index) => {
      const fake = fakeSocket();
      const times: number[] = [];
      const send = fake.socket.send.bind(fake.socket);
      fake.socket.send = (data: Buffer | string) => {
        times.push(Date.now());
        send(data);
      };
      const outbox = new ClientOutbox(fake.asWebSocket, {
        maxBufferedBytes: 100_000,
        highWaterBytes: 1_000,
        onOverflow: vi.fn(),
        onBacklog: vi.fn(),
        windows,
      });
      outbox.setBatch(Array.isArray(batchMs) ? (batchMs[index] as number) : batchMs);
      return { ...fake, times, outbox };
    }),
  };
}

describe('batching windows shared by the clients of a server', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('a window holding one message sends that message itself, unwrapped (its very bytes)', () => {
    const { clients: all } = clients(1, 20);
    const [client] = all;
    const only = candle('a', 1, 10);
    client?.outbox.sendCandle(only, channelA, true, 1);
    vi.advanceTimersByTime(20);
    client?.outbox.sendText('{"type":"stalled","stream":"a","silentMs":5}');
    vi.advanceTimersByTime(20);
    expect(client?.sent).toEqual([only.toString(), '{"type":"stalled","stream":"a","silentMs":5}']);
  });

  it('one timer closes the windows of many clients: those due within the slack (5 ms of 20) go out together', () => {
    const { windows, clients: all } = clients(4, 20);
    // Windows open at 0, 2, 5 and 6 ms: due at 20, 22, 25 and 26.
    for (const [index, step] of [0, 2, 3, 1].entries()) {
      vi.advanceTimersByTime(step);
      all[index]?.outbox.sendCandle(candle('a', 1, index), channelA, true, 1);
      all[index]?.outbox.sendCandle(candle('b', 1, index), channelB, true, 1);
    }
    expect(vi.getTimerCount()).toBe(1);
    expect(windows.of(20).open).toBe(4);
    vi.advanceTimersByTime(20 - 6);
    // The firing at 20 takes every window due by 25 (5 ms early at most); the one due at 26 waits.
    expect(all.map((client) => client.times)).toEqual([[20], [20], [20], []]);
    vi.advanceTimersByTime(5);
    expect(all[3]?.times).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(all[3]?.times).toEqual([26]);
    expect(all.every((client) => client.sent.length === 1)).toBe(true);
    expect(windows.of(20).open).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("every client's window closes within its batchMs and no earlier than the slack, one timer per window length", () => {
    const lengths = [20, 20, 20, 100, 100, 7];
    const { clients: all } = clients(lengths.length, lengths);
    /** When each client's current window opened (its first message after the last frame). */
    const opened: Array<number | undefined> = lengths.map(() => undefined);
    const waits: Array<{ ms: number; waited: number }> = [];
    const seen = lengths.map(() => 0);
    let seed = 42;
    for (let now = 0; now < 2_000; now += 1) {
      if (now > 0) vi.advanceTimersByTime(1);
      for (const [index, client] of all.entries()) {
        if (client.times.length > (seen[index] as number)) {
          seen[index] = client.times.length;
          const sentAt = client.times.at(-1) as number;
          waits.push({ ms: lengths[index] as number, waited: sentAt - (opened[index] as number) });
          opened[index] = undefined;
        }
        // Each client gets a message on its own irregular schedule (a seeded LCG: about one in five ms).
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        if (seed % 5 === 0) {
          opened[index] ??= now;
          client.outbox.sendCandle(candle('a', now, index), channelA, true, now);
        }
      }
      expect(vi.getTimerCount()).toBeLessThanOrEqual(3);
    }
    expect(waits.length).toBeGreaterThan(100);
    for (const { ms, waited } of waits) {
      expect(waited).toBeLessThanOrEqual(ms);
      expect(waited).toBeGreaterThanOrEqual(ms - slackMs(ms));
    }
  });

  it('a client closed mid-window sends nothing and does not hold the others; its timer stops when it was the last', () => {
    const { windows, clients: all } = clients(2, 20);
    const [gone, staying] = all;
    gone?.outbox.sendCandle(candle('a', 1, 1), channelA, true, 1);
    staying?.outbox.sendCandle(candle('a', 1, 1), channelA, true, 1);
    vi.advanceTimersByTime(10);
    gone?.outbox.close();
    vi.advanceTimersByTime(10);
    expect(gone?.sent).toEqual([]);
    expect(staying?.times).toEqual([20]);

    gone?.outbox.sendCandle(candle('a', 2, 2), channelA, true, 2);
    staying?.outbox.sendCandle(candle('a', 2, 2), channelA, true, 2);
    staying?.outbox.close();
    expect(windows.of(20).open).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a client changing its batchMs mid-window: the old length's timer does not end the new window", () => {
    const { clients: all } = clients(2, 20);
    const [changing, other] = all;
    changing?.outbox.sendCandle(candle('a', 1, 1), channelA, true, 1);
    other?.outbox.sendCandle(candle('a', 1, 1), channelA, true, 1);
    vi.advanceTimersByTime(1);
    // What the 20 ms window held goes out at once; the next window is 100 ms long.
    changing?.outbox.setBatch(100);
    vi.advanceTimersByTime(1);
    changing?.outbox.sendCandle(candle('a', 2, 2), channelA, true, 2);
    vi.advanceTimersByTime(98);
    expect(other?.times).toEqual([20]);
    expect(changing?.times).toEqual([1]);
    vi.advanceTimersByTime(2);
    expect(changing?.times).toEqual([1, 102]);
  });

  it('a reply mid-window (unsubscribed) sends the window first; the next window lasts its full batchMs', () => {
    const { clients: all } = clients(1, 20);
    const [client] = all;
    client?.outbox.sendCandle(candle('a', 1, 1), channelA, true, 1);
    vi.advanceTimersByTime(10);
    client?.outbox.sendReply('{"type":"unsubscribed","id":"u","streams":["a"]}');
    expect(client?.sent).toEqual([
      candle('a', 1, 1).toString(),
      '{"type":"unsubscribed","id":"u","streams":["a"]}',
    ]);
    vi.advanceTimersByTime(2);
    client?.outbox.sendCandle(candle('b', 1, 2), channelB, true, 1);
    // The timer still set for the first window (due at 20) does not end this one (due at 32).
    vi.advanceTimersByTime(19);
    expect(client?.times).toEqual([10, 10]);
    vi.advanceTimersByTime(1);
    expect(client?.times).toEqual([10, 10, 32]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
