import { silentLogger, systemClock } from '@ohlcv/core';
import { createServerMetrics } from '@ohlcv/health';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { IDLE_CLOSE_CODE, type IdleClient, IdleSweep } from './idle-sweep';

function client(id: number, streamCount: number) {
  const closes: Array<[number, string]> = [];
  const socket = { close: (code: number, reason: string) => closes.push([code, reason]), terminate() {} };
  const entry: IdleClient & { streamCount: number; closes: typeof closes } = {
    id,
    socket: socket as unknown as WebSocket,
    streamCount,
    closes,
  };
  return entry;
}

describe('IdleSweep', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('closes a client with no stream for the idle timeout, counting from when it last had none', () => {
    const sweep = new IdleSweep({
      idleTimeoutMs: 1_000,
      clock: systemClock,
      metrics: createServerMetrics(new Registry()),
      logger: silentLogger,
    });
    const [idle, busy, late] = [client(1, 0), client(2, 1), client(3, 1)];
    for (const entry of [idle, busy, late]) sweep.connected(entry, Date.now());
    vi.advanceTimersByTime(750);
    late.streamCount = 0;
    vi.advanceTimersByTime(250);
    expect(idle.closes).toEqual([[IDLE_CLOSE_CODE, 'idle: no subscription for 1000 ms']]);
    expect(late.closes).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(late.closes).toHaveLength(1);
    expect(busy.closes).toEqual([]);
    sweep.stop();
  });
});
