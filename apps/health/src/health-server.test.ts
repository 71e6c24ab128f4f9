import type { FeedStatus } from '@ohlcv/core';
import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealthServer, startHealthServer } from './health-server';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startHealthServer', () => {
  it('serves /health, /ready (200 ↔ 503 as streams stall and recover) and /metrics', async () => {
    const registry = new Registry();
    new Counter({ name: 'ohlcv_test_total', help: 'test', registers: [registry] }).inc(3);
    let status: FeedStatus = { venues: [], streams: [] };
    server = await startHealthServer({ port: 0, status: () => status, registry });
    const base = `http://127.0.0.1:${server.port}`;

    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    expect((await fetch(`${base}/ready`)).status).toBe(200);
    const stream = { stream: 'binance:spot:BTCUSDT:1m', consumers: 1, lastUpdateAt: 5, stalled: true };
    status = { venues: [], streams: [stream] };
    const notReady = await fetch(`${base}/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ ready: false, notFresh: [{ stream: stream.stream }] });
    status = { venues: [], streams: [{ ...stream, stalled: false }] };
    expect((await fetch(`${base}/ready`)).status).toBe(200);

    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('ohlcv_test_total 3');

    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/health`, { method: 'POST' })).status).toBe(405);
  });
});
