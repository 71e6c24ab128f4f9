import { type Candle, createFeed, type Feed, type FeedEvent } from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';
import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import { driveUntil, waitUntil } from '@ohlcv/testkit/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import { BusFeed } from './bus-feed';
import { IngestWorker } from './ingest-worker';
import { type MemoryBus, MemoryBusServer } from './memory-bus';

const MINUTE = 60_000;

interface Running {
  worker: IngestWorker;
  feed: Feed;
  bus: MemoryBus;
}

let simulator: BinanceSimulator | undefined;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await simulator?.close();
  simulator = undefined;
});

function startWorker(
  server: MemoryBusServer,
  sim: BinanceSimulator,
  workerId: string,
  maxStreams = 500,
): Running {
  const bus = server.connect();
  const feed = createFeed({
    adapters: [binance],
    endpoints: { binance: { spot: { ws: sim.wsBase, rest: sim.restBase } } },
  });
  const worker = new IngestWorker({
    bus,
    feed,
    workerId,
    maxStreams,
    leaseTtlMs: 600,
    pollMs: 100,
    lingerMs: 300,
  });
  worker.start();
  cleanups.push(async () => {
    await worker.stop({ timeoutMs: 500 });
    await feed.close();
  });
  return { worker, feed, bus };
}

function startEdge(server: MemoryBusServer, demandTtlMs = 3_000): BusFeed {
  const edge = new BusFeed({ bus: server.connect(), adapters: [binance], demandTtlMs });
  cleanups.push(() => edge.close());
  return edge;
}

/** Subscribes closed-only and records the closed candles. */
function record(edge: BusFeed, key: string, history = 0): { candles: Candle[]; close: () => void } {
  const candles: Candle[] = [];
  const subscription = edge.subscribe(key, {
    closedOnly: true,
    history,
    onEvent: (event: FeedEvent) => {
      if (event.type === 'candle') candles.push(event.candle);
    },
  });
  return { candles, close: () => subscription.close() };
}

function expectVenueSeries(sim: BinanceSimulator, candles: readonly Candle[]): void {
  expect(candles.length).toBeGreaterThan(0);
  for (const [index, candle] of candles.entries()) {
    if (index > 0) expect(candle.openTime - (candles[index - 1] as Candle).openTime).toBe(MINUTE);
    const venue = sim.candleAt(candle.symbol, '1m', candle.openTime);
    expect(candle).toMatchObject({
      open: venue?.open,
      high: venue?.high,
      low: venue?.low,
      close: venue?.close,
      volume: venue?.volume,
      closed: true,
    });
  }
}

describe('scale-out over a bus (memory bus, Binance simulator, real engines)', () => {
  it('spreads streams over two workers; a dead worker hands over, losing and repeating nothing', async () => {
    const sim = await startBinanceSimulator({ market: 'spot' });
    simulator = sim;
    const server = new MemoryBusServer();
    const first = startWorker(server, sim, 'w1');
    const second = startWorker(server, sim, 'w2');
    const edge = startEdge(server);
    const keys = sim.symbols.slice(0, 4).map((symbol) => `binance:spot:${symbol}:1m`);
    const recorders = keys.map((key) => record(edge, key));

    await waitUntil(
      () => first.worker.streamCount + second.worker.streamCount === 4 && sim.subscriptionCount() === 4,
      'every stream claimed once',
    );
    await driveUntil(sim, () => recorders.every((entry) => entry.candles.length >= 3), {
      stepMs: 20_000,
      what: 'candles through the bus',
    });
    expect(sim.subscriptionCount()).toBe(4);

    // The first worker dies: its bus link and its venue connections go, its leases lapse.
    const victim = first.worker.streamCount > 0 ? first : second;
    const survivor = victim === first ? second : first;
    victim.bus.setConnected(false);
    await victim.feed.close();
    await sim.clock.advance(2 * MINUTE);
    await waitUntil(() => survivor.worker.streamCount === 4, 'the survivor to take every stream over');
    await driveUntil(sim, () => recorders.every((entry) => entry.candles.length >= 9), {
      stepMs: 20_000,
      what: 'candles after the hand-over',
    });
    expect(sim.subscriptionCount()).toBe(4);
    for (const entry of recorders) expectVenueSeries(sim, entry.candles);

    // A late consumer joins with history from the bus's retained candles, then live, no gap or repeat.
    const late = record(edge, keys[0] as string, 5);
    await waitUntil(() => late.candles.length >= 5, 'the history join');
    await driveUntil(sim, () => late.candles.length >= 7, { stepMs: 20_000, what: 'live after history' });
    expectVenueSeries(sim, late.candles);
    expect(late.candles[4]?.openTime).toBe(recorders[0]?.candles[8]?.openTime);
  });

  it('caps each worker at maxStreams: the other worker serves the rest, beyond its fair share', async () => {
    const sim = await startBinanceSimulator({ market: 'spot' });
    simulator = sim;
    const server = new MemoryBusServer();
    const small = startWorker(server, sim, 'small', 1);
    const edge = startEdge(server);
    const keys = sim.symbols.slice(0, 4).map((symbol) => `binance:spot:${symbol}:1m`);
    const recorders = keys.map((key) => record(edge, key));
    await waitUntil(() => small.worker.streamCount === 1, 'the small worker full');
    const large = startWorker(server, sim, 'large', 10);
    // Its fair share of 4 streams over 2 workers is 2; the third, left free, it takes too.
    await waitUntil(() => large.worker.streamCount === 3 && sim.subscriptionCount() === 4, 'the rest served');
    expect(small.worker.streamCount).toBe(1);
    await driveUntil(sim, () => recorders.every((entry) => entry.candles.length >= 2), {
      stepMs: 20_000,
      what: 'candles on every stream',
    });
    for (const entry of recorders) expectVenueSeries(sim, entry.candles);
    expect(() => new IngestWorker({ bus: server.connect(), feed: small.feed, maxStreams: 0 })).toThrow(
      'IngestWorker option maxStreams must be an integer >= 1, got 0',
    );
  });

  it('releases a stream the venue refuses and does not claim it again at once', async () => {
    const sim = await startBinanceSimulator({ market: 'spot' });
    simulator = sim;
    const server = new MemoryBusServer();
    const released: string[] = [];
    const bus = server.connect();
    const feed = createFeed({
      adapters: [binance],
      endpoints: { binance: { spot: { ws: sim.wsBase, rest: sim.restBase } } },
    });
    const worker = new IngestWorker({
      bus,
      feed,
      pollMs: 50,
      observer: { streamReleased: (key, reason) => released.push(`${key} ${reason}`) },
    });
    worker.start();
    cleanups.push(async () => {
      await worker.stop({ timeoutMs: 500 });
      await feed.close();
    });
    const edge = startEdge(server);
    record(edge, 'binance:spot:NOSUCHCOIN:1m');
    await waitUntil(() => released.length > 0, 'the refused stream released');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(released).toEqual(['binance:spot:NOSUCHCOIN:1m failed']);
    expect(worker.streamCount).toBe(0);
    expect(await bus.leaseHolder('binance:spot:NOSUCHCOIN:1m')).toBeUndefined();
  });

  it('buffers while the bus is down, republishes after it comes back empty, and lets undemanded streams go', async () => {
    const sim = await startBinanceSimulator({ market: 'spot' });
    simulator = sim;
    const server = new MemoryBusServer();
    const running = startWorker(server, sim, 'w1');
    const edge = startEdge(server, 600);
    const key = `binance:spot:${sim.symbols[0]}:1m`;
    const recorder = record(edge, key);
    await waitUntil(() => sim.subscriptionCount() === 1, 'the stream claimed');
    await driveUntil(sim, () => recorder.candles.length >= 2, { stepMs: 20_000, what: 'first candles' });

    // The bus goes down, and comes back having forgotten everything (no persistence).
    const downAt = recorder.candles.length;
    const handles = [running.bus];
    running.bus.setConnected(false);
    await sim.clock.advance(4 * MINUTE);
    await waitUntil(
      () => (running.worker.status().streams[0]?.buffered ?? 0) >= 3,
      'the worker buffering while the bus is down',
    );
    expect(recorder.candles.length).toBe(downAt);
    server.wipe();
    for (const handle of handles) handle.setConnected(true);
    await waitUntil(() => recorder.candles.length >= downAt + 4, 'the buffered candles');
    await driveUntil(sim, () => recorder.candles.length >= downAt + 6, {
      stepMs: 20_000,
      what: 'live again',
    });
    expectVenueSeries(sim, recorder.candles);
    expect(running.worker.streamCount).toBe(1);

    // Nobody wants the stream any more: the demand lapses, the worker lets it go after its linger.
    recorder.close();
    await waitUntil(() => running.worker.streamCount === 0 && sim.subscriptionCount() === 0, 'the release');
    expect(await running.bus.leaseHolder(key)).toBeUndefined();
  });
});
