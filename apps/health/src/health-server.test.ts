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
    expect(await health.json()).toMatchObject({
      status: 'ok',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/),
    });

    expect((await fetch(`${base}/ready`)).status).toBe(200);
    const stream = { stream: 'binance:spot:BTCUSDT:1m', consumers: 1, lastUpdateAt: 5, stalled: true };
    status = { venues: [], streams: [stream] };
    const notReady = await fetch(`${base}/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      status: 'not_ready',
      ready: false,
      notFresh: [{ stream: stream.stream }],
      exchanges: [],
    });
    const venue = {
      exchange: 'binance' as const,
      market: 'spot' as const,
      connections: 1,
      openConnections: 1,
      streams: 1,
      stalledStreams: [],
      lastMessageAt: Date.now(),
      reconnects: 0,
      circuit: 'half-open' as const,
    };
    status = { venues: [venue], streams: [{ ...stream, stalled: false }] };
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    // The older Python connector's payload fields, alongside ours.
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      ready: true,
      timestamp: expect.stringMatching(/\+00:00$/),
      exchanges: [
        {
          exchange: 'binance',
          contract_type: 'spot',
          active_connections: 1,
          last_message_time: expect.stringMatching(/\+00:00$/),
          consecutive_failures: 0,
          circuit_state: 'half_open',
          healthy: true,
        },
      ],
    });

    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('ohlcv_test_total 3');

    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/health`, { method: 'POST' })).status).toBe(405);
  });
});
