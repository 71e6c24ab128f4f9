import type { Candle } from '@ohlcv/core';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { WssServer } from '../src/wss-server';
import { recordingLogger, StubFeed, startStubServer, TEST_LIMITS } from './stub-feed';
import { connectClient, type TestClient, until } from './ws-client';

const STREAM = 'binance:spot:BTCUSDT:1s';
const SLOW_CLIENTS = Number(process.env.OHLCV_SLOW_CLIENTS ?? 100);
const MAX_BUFFERED = 4 * 1024 * 1024;
// About what a loopback socket's kernel buffers take from a reader that stopped (~4 MB), in 16 KB messages.
const FAT_MESSAGES = Number(process.env.OHLCV_FAT_MESSAGES ?? 220);

let server: WssServer | undefined;
const clients: TestClient[] = [];

afterAll(async () => {
  for (const client of clients) client.socket.terminate();
  await server?.close({ timeoutMs: 500 });
});

let openTime = 0;
function candle(pad: string): Candle & { sentAt: number; pad: string } {
  openTime += 1_000;
  return {
    exchange: 'binance',
    market: 'spot',
    symbol: 'BTCUSDT',
    interval: '1s',
    openTime,
    closeTime: openTime + 999,
    open: 1,
    high: 2,
    low: 0.5,
    close: 1.5,
    volume: 10,
    closed: true,
    sentAt: performance.now(),
    pad,
  };
}

async function metric(registry: Registry, name: string): Promise<number> {
  const value = (await registry.getSingleMetric(name)?.get())?.values[0]?.value;
  return value ?? 0;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('many slow clients cut at once (in-process server)', () => {
  it('keeps the event loop and the fast client prompt while they are cut', async () => {
    const feed = new StubFeed();
    const registry = new Registry();
    server = await startStubServer(feed, recordingLogger(), {
      registry,
      maxClients: SLOW_CLIENTS + 10,
      maxClientsPerAddress: SLOW_CLIENTS + 10,
      limits: { ...TEST_LIMITS, maxBufferedBytes: MAX_BUFFERED },
    });
    const url = `ws://127.0.0.1:${server.port}`;
    const slow: TestClient[] = [];
    for (let index = 0; index < SLOW_CLIENTS; index += 1) slow.push(await connectClient(url));
    const fast = await connectClient(url);
    clients.push(...slow, fast);
    for (const client of [...slow, fast]) client.send({ op: 'subscribe', streams: [STREAM] });
    await Promise.all(
      [...slow, fast].map((client) =>
        client.waitFor((messages) => messages.some((m) => m.type === 'subscribed')),
      ),
    );
    for (const client of slow) client.pause();
    let fastLatencyMs = 0;
    /** Start of the emit batch that cut the first slow client: what is measured begins there. */
    let windowStart = Number.POSITIVE_INFINITY;
    let fastCount = 0;
    let lastOpenTime = 0;
    let ordered = true;
    fast.socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as {
        type: string;
        candle?: { sentAt: number; openTime: number };
      };
      if (message.type !== 'candle' || message.candle === undefined) return;
      if (message.candle.sentAt >= windowStart)
        fastLatencyMs = Math.max(fastLatencyMs, performance.now() - message.candle.sentAt);
      if (message.candle.openTime !== lastOpenTime + 1_000) ordered = false;
      lastOpenTime = message.candle.openTime;
      fastCount += 1;
    });

    // Fill the slow clients' kernel buffers with few large messages (cheap), then queue small ones.
    const fat = 'x'.repeat(16_000);
    let emitted = 0;
    const emit = (pad: string): void => {
      feed.emit(STREAM, {
        type: 'candle',
        stream: STREAM,
        candle: candle(pad),
        source: 'live',
        receivedAt: 0,
      });
      emitted += 1;
    };
    for (let index = 0; index < FAT_MESSAGES; index += 1) {
      emit(fat);
      if (index % 20 === 0) await nextTurn();
    }
    await until(() => fastCount === emitted, 30_000, 'the fast client has every candle');

    // Event-loop gaps (end time, length): those from the batch that cut the first client on count.
    const gaps: Array<{ end: number; ms: number }> = [];
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      if (now - last > 20) gaps.push({ end: now, ms: now - last });
      last = now;
    }, 5);
    const small = 'y'.repeat(100);
    const started = performance.now();
    let cut = 0;
    while (cut < SLOW_CLIENTS) {
      const batchStart = performance.now();
      for (let index = 0; index < 200; index += 1) {
        emit(small);
      }
      await nextTurn();
      cut = await metric(registry, 'ohlcv_ws_slow_client_disconnects_total');
      if (cut > 0 && windowStart === Number.POSITIVE_INFINITY) windowStart = batchStart;
      if (performance.now() - started > 60_000) throw new Error('slow clients were not cut within 60 s');
    }
    // The cut sockets are destroyed after their close grace: keep sending across it.
    const cutAt = performance.now();
    while (performance.now() - cutAt < 3_000) {
      emit(small);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => fastCount === emitted, 30_000, 'the fast client has every candle');
    clearInterval(probe);
    const maxGapMs = Math.max(0, ...gaps.filter((gap) => gap.end >= windowStart).map((gap) => gap.ms));
    console.info(
      `${SLOW_CLIENTS} slow clients cut: max event-loop gap ${maxGapMs.toFixed(0)} ms, fast client max latency ${fastLatencyMs.toFixed(0)} ms, ${emitted} candles`,
    );
    expect(ordered).toBe(true);
    expect(maxGapMs).toBeLessThan(500);
    expect(fastLatencyMs).toBeLessThan(1_000);
  }, 180_000);
});
