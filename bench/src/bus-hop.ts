import { BusFeed, IngestWorker } from '@ohlcv/bus';
import { createRedisBus } from '@ohlcv/bus-redis';
import { redisUnavailable, startRedisServer } from '@ohlcv/bus-redis/testing';
import { type Candle, createFeed, type FeedObserver } from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';
import { startBinanceSimulator } from '@ohlcv/testkit';

interface LatencySummary {
  delivered: number;
  p50Ms: number;
  p99Ms: number;
}

export type BusHopResult =
  | { streams: number; single: LatencySummary; bus: LatencySummary }
  | { unavailable: string };

const identity = (stream: string, candle: Candle): string =>
  `${stream}|${candle.openTime}|${candle.close}|${candle.volume}|${candle.closed}`;

function summary(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { delivered: samples.length, p50Ms: at(0.5), p99Ms: at(0.99) };
}

/** Stamps each candle as the engine emits it (the venue frame is parsed and sequenced). */
function stamping(stamps: Map<string, bigint>): FeedObserver {
  return {
    candleEmitted: (stream, candle) => void stamps.set(identity(stream, candle), process.hrtime.bigint()),
  };
}

/**
 * Venue → consumer latency of every candle update, measured from the engine's emit: in one process
 * (engine → subscriber) and across the bus (engine → ingest worker → Redis → edge BusFeed → subscriber).
 * Both run at once on the same Binance simulator and a local redis-server.
 */
export async function benchBusHop(): Promise<BusHopResult> {
  const unavailable = redisUnavailable();
  if (unavailable !== undefined) return { unavailable };
  const redis = await startRedisServer();
  const sim = await startBinanceSimulator({ market: 'spot' });
  const endpoints = { binance: { spot: { ws: sim.wsBase, rest: sim.restBase } } };
  const keys = sim.symbols.flatMap((symbol) =>
    ['1m', '5m', '15m', '1h'].map((interval) => `binance:spot:${symbol}:${interval}`),
  );
  const singleStamps = new Map<string, bigint>();
  const busStamps = new Map<string, bigint>();
  const single: number[] = [];
  const hopped: number[] = [];
  const sample = (stamps: Map<string, bigint>, into: number[], stream: string, candle: Candle): void => {
    const stamp = stamps.get(identity(stream, candle));
    if (stamp !== undefined) into.push(Number(process.hrtime.bigint() - stamp) / 1e6);
  };

  const alone = createFeed({ adapters: [binance], endpoints, observer: stamping(singleStamps) });
  const workerFeed = createFeed({ adapters: [binance], endpoints, observer: stamping(busStamps) });
  const workerBus = await createRedisBus(redis.url, { namespace: 'bench' });
  const edgeBus = await createRedisBus(redis.url, { namespace: 'bench' });
  const worker = new IngestWorker({ bus: workerBus, feed: workerFeed, pollMs: 100 });
  worker.start();
  const edge = new BusFeed({ bus: edgeBus, adapters: [binance] });
  for (const key of keys) {
    alone.subscribe(key, {
      onEvent: (event) => event.type === 'candle' && sample(singleStamps, single, event.stream, event.candle),
    });
    edge.subscribe(key, {
      onEvent: (event) => event.type === 'candle' && sample(busStamps, hopped, event.stream, event.candle),
    });
  }
  const deadline = Date.now() + 20_000;
  while (
    (worker.streamCount < keys.length || sim.subscriptionCount() < 2 * keys.length) &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (let step = 0; step < 400; step += 1) {
    await sim.clock.advance(2_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  await worker.stop();
  await Promise.all([edge.close(), alone.close(), workerFeed.close()]);
  await Promise.all([workerBus.close(), edgeBus.close()]);
  await sim.close();
  await redis.stop();
  return { streams: keys.length, single: summary(single), bus: summary(hopped) };
}

export function busHopReport(result: BusHopResult): string {
  if ('unavailable' in result) return `Not measured: ${result.unavailable}.`;
  const row = (name: string, value: LatencySummary): string =>
    `| ${name} | ${value.delivered} | ${value.p50Ms.toFixed(3)} ms | ${value.p99Ms.toFixed(3)} ms |`;
  return [
    '| path | updates delivered | p50 | p99 |',
    '| --- | --- | --- | --- |',
    row('one process: engine → subscriber', result.single),
    row('bus: engine → worker → Redis → edge → subscriber', result.bus),
    '',
    `Added by the bus hop: p50 ${(result.bus.p50Ms - result.single.p50Ms).toFixed(3)} ms, p99 ${(result.bus.p99Ms - result.single.p99Ms).toFixed(3)} ms (${result.streams} streams; open updates are conflated by the worker, so fewer arrive over the bus).`,
  ].join('\n');
}
