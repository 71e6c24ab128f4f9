import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ARRIVAL_GUARD_MS, SendWindow } from './send-window';

const SPAN = 1_000 + ARRIVAL_GUARD_MS;

/** Most sends in any window of `windowMs` (half-open, as venues count: a send `windowMs` later is outside). */
function busiestWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  for (let start = 0; start < times.length; start++) {
    let end = start;
    while (end < times.length && (times[end] as number) - (times[start] as number) < windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

describe('SendWindow', () => {
  it('lets the whole allowance out at once, then frees each slot one span after the send that used it', () => {
    let now = 0;
    const window = new SendWindow(5, 1_000, () => now);
    for (let index = 0; index < 5; index += 1) {
      expect(window.waitMs()).toBe(0);
      window.record();
      now += 10;
    }
    expect(window.waitMs()).toBe(SPAN - 50);
    now = SPAN - 1;
    expect(window.waitMs()).toBe(1);
    now = SPAN;
    expect(window.waitMs()).toBe(0);
  });

  it('makes later sends wait longer after a forced overdraw', () => {
    let now = 0;
    const window = new SendWindow(2, 1_000, () => now);
    window.record();
    now = 100;
    window.record();
    now = 200;
    window.record(); // recorded without waiting
    now = 300;
    // Two of three sends must leave before a slot frees: the one at 100, one span later.
    expect(window.waitMs()).toBe(100 + SPAN - 300);
    now = 100 + SPAN;
    expect(window.waitMs()).toBe(0);
  });

  it("frees an answered request's slot perMs after the answer, when that is later than the send's", () => {
    let now = 0;
    const window = new SendWindow(2, 1_000, () => now);
    window.record(1);
    window.record(2);
    now = 10;
    window.answered(1); // prompt: the send's own span is later
    now = 600;
    window.answered(2); // the venue's event loop got to it late: it counted it at ≤ 600
    window.answered(99); // not ours: ignored
    expect(window.waitMs()).toBe(SPAN - 600);
    now = SPAN;
    expect(window.waitMs()).toBe(0); // request 1's slot
    window.record(3);
    expect(window.waitMs()).toBe(1_600 - SPAN);
    now = 1_600;
    expect(window.waitMs()).toBe(0);
  });

  it('refuses a window that could never send', () => {
    expect(() => new SendWindow(0, 1_000, () => 0)).toThrow(/messages ≥ 1 and perMs > 0, got 0 per 1000 ms/);
    expect(() => new SendWindow(5, 0, () => 0)).toThrow(/got 5 per 0 ms/);
  });
});

describe('SendWindow driving a sender on fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * A connection's flush loop: `backlog` frames queued at once, plus urgent frames (pongs) arriving at
   * random times, every one sent only when `waitMs()` is 0. Returns the send times.
   */
  async function drain(messages: number, perMs: number, backlog: number, seed: number): Promise<number[]> {
    const window = new SendWindow(messages, perMs, () => Date.now());
    // Scattered arrival times without a PRNG: multiples of the golden ratio, modulo 1, from `seed`.
    let phase = seed / 7;
    const next = (): number => {
      phase = (phase + 0.618_033_988_75) % 1;
      return phase;
    };
    const sentAt: number[] = [];
    let queued = backlog;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      timer = undefined;
      while (queued > 0) {
        const waitMs = window.waitMs();
        if (waitMs > 0) {
          timer = setTimeout(flush, waitMs);
          return;
        }
        window.record();
        sentAt.push(Date.now());
        queued -= 1;
      }
    };
    // Pongs: each arrives at a random time and joins the queue (sent first, same window).
    for (let pong = 0; pong < backlog / 10; pong += 1) {
      setTimeout(
        () => {
          queued += 1;
          if (timer === undefined) flush();
        },
        Math.floor(next() * (backlog / messages) * perMs),
      );
    }
    flush();
    await vi.runAllTimersAsync();
    return sentAt;
  }

  it.each([
    { venue: 'binance spot', messages: 5, perMs: 1_000 },
    { venue: 'binance futures', messages: 10, perMs: 1_000 },
    { venue: 'hyperliquid', messages: 90, perMs: 60_000 },
  ])('$venue: never more than $messages in any $perMs ms, and reaches it', async ({ messages, perMs }) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const sentAt = await drain(messages, perMs, messages * 20, seed);
      expect(sentAt.length).toBe(messages * 20 + messages * 2);
      expect(busiestWindow(sentAt, perMs)).toBe(messages);
      // Not slower than the limit needs: a full window every perMs + the arrival guard.
      const span = (sentAt.at(-1) as number) - (sentAt[0] as number);
      expect(span).toBeLessThanOrEqual(Math.ceil(sentAt.length / messages) * (perMs + ARRIVAL_GUARD_MS));
    }
  });

  it('sends 110 subscribe frames (10,000 streams on 10 connections, 11 frames each) within 1.05× the ideal', async () => {
    const sentAt = await drain(5, 1_000, 11, 7);
    // 11 frames + 1 pong at 5/s: the ideal client sends its last at 2 s; ours at 2 × (1 s + guard).
    const ideal = 2_000;
    expect(sentAt.at(-1)).toBeLessThanOrEqual(ideal * 1.05);
  });
});
