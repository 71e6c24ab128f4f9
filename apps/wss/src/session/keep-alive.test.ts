import { silentLogger, systemClock } from '@ohlcv/core';
import { createServerMetrics } from '@ohlcv/health';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type KeepAliveClient, startKeepAlive } from './keep-alive';

function client(id: number, answers: boolean) {
  const entry: KeepAliveClient & { pings: number; terminated: boolean } = {
    id,
    alive: true,
    pings: 0,
    terminated: false,
    ping() {
      entry.pings += 1;
      if (answers) entry.alive = true;
    },
    terminate() {
      entry.terminated = true;
    },
  };
  return entry;
}

describe('startKeepAlive', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings every interval and terminates a client that did not answer by the next round', async () => {
    const registry = new Registry();
    const metrics = createServerMetrics(registry);
    const good = client(1, true);
    const dead = client(2, false);
    const keepAlive = startKeepAlive({
      clients: [good, dead],
      intervalMs: 1_000,
      clock: systemClock,
      metrics,
      logger: silentLogger,
    });
    vi.advanceTimersByTime(999);
    expect(good.pings + dead.pings).toBe(0);
    vi.advanceTimersByTime(1);
    expect([good.pings, dead.pings]).toEqual([1, 1]);
    expect(dead.terminated).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(dead.terminated).toBe(true);
    expect(good.terminated).toBe(false);
    expect(good.pings).toBe(2);
    const text = await registry.metrics();
    expect(text).toMatch(/ohlcv_ws_dead_client_terminations_total 1/);
    keepAlive.stop();
    vi.advanceTimersByTime(5_000);
    expect(good.pings).toBe(2);
  });
});
