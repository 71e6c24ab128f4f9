/**
 * Measures the NATS bus on this machine against a throw-away nats-server (not a test; nothing is
 * asserted): closed-candle publish throughput of one writer (batches of 1 and of 100 candles, and 20
 * streams at once), follow latency (publishClosed called → listener.closed on another
 * connection), p50/p99, and the time of a history read (`recentClosed`). Run: `pnpm --filter @ohlcv/bus-nats measure`.
 */
import { createNatsBus } from '../src/nats-bus';
import { closedCandle } from '../src/testing/candles';
import { findNatsServer, NATS_SERVER_INSTALL_HINT, startNatsServer } from '../src/testing/nats-server';

const binary = findNatsServer();
if (!binary) throw new Error(`nats-server not found: ${NATS_SERVER_INSTALL_HINT}`);
const server = await startNatsServer(binary);
const writer = await createNatsBus(server.url, { namespace: 'measure' });
const edge = await createNatsBus(server.url, { namespace: 'measure' });

async function throughput(label: string, streams: number, total: number, batch: number): Promise<void> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: streams }, async (_, s) => {
      const symbol = `S${s}/${label.length}`;
      const key = `binance:spot:${symbol}:1m`;
      for (let n = 0; n < total / streams; n += batch) {
        const candles = Array.from({ length: batch }, (_, i) => closedCandle(n + i, symbol));
        await writer.publishClosed(key, candles);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label}: ${total} closed candles in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)}/s`,
  );
}

async function followLatency(samples: number): Promise<void> {
  const key = 'binance:spot:LAT/USDT:1m';
  const latencies: number[] = [];
  let sentAt = 0;
  let resolveNext: (() => void) | undefined;
  const follow = edge.follow(key, undefined, {
    closed: () => {
      latencies.push(performance.now() - sentAt);
      resolveNext?.();
    },
    open: () => undefined,
  });
  await writer.publishClosed(key, [closedCandle(0, 'LAT/USDT')]);
  await new Promise<void>((resolve) => {
    resolveNext = resolve;
    if (latencies.length > 0) resolve();
  });
  latencies.length = 0;
  for (let n = 1; n <= samples; n++) {
    const delivered = new Promise<void>((resolve) => {
      resolveNext = resolve;
    });
    sentAt = performance.now();
    await writer.publishClosed(key, [closedCandle(n, 'LAT/USDT')]);
    await delivered;
  }
  await follow.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2);
  console.log(
    `follow latency (publishClosed → listener.closed, ${samples} samples): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`,
  );
}

async function historyRead(count: number): Promise<void> {
  const symbol = 'HIST/USDT';
  const key = `binance:spot:${symbol}:1m`;
  for (let n = 0; n < count; n += 100) {
    await writer.publishClosed(
      key,
      Array.from({ length: 100 }, (_, i) => closedCandle(n + i, symbol)),
    );
  }
  for (let i = 0; i < 20; i++) await edge.recentClosed(key, count); // warm up
  for (const limit of [1, 100, count]) {
    const started = performance.now();
    const rounds = 20;
    for (let i = 0; i < rounds; i++) await edge.recentClosed(key, limit);
    console.log(
      `recentClosed(${limit}) of ${count} retained: ${((performance.now() - started) / rounds).toFixed(1)} ms`,
    );
  }
}

try {
  await throughput('one writer, one stream, batches of 1', 1, 2_000, 1);
  await throughput('one writer, one stream, batches of 100', 1, 5_000, 100);
  await throughput('one writer, 20 streams at once, batches of 1', 20, 5_000, 1);
  await followLatency(500);
  await historyRead(1_000);
} finally {
  await Promise.all([writer.close(), edge.close()]);
  await server.dispose();
}
