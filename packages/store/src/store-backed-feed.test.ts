import { type Candle, createFeed, type Feed, type FeedEvent } from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';
import { type BinanceSimulator, DEFAULT_START_TIME, startBinanceSimulator } from '@ohlcv/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from './create-store';
import { storeBackedFeed } from './store-backed-feed';

const MINUTE = 60_000;
const B = DEFAULT_START_TIME;
const KLINES = '/api/v3/klines';
const BTC = { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' } as const;

let simulator: BinanceSimulator | undefined;
let feed: Feed | undefined;

afterEach(async () => {
  await feed?.close();
  await simulator?.close();
  feed = undefined;
  simulator = undefined;
});

/** Advances the venue's clock while subscribed until `done()`. */
async function advanceUntil(sim: BinanceSimulator, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    if (sim.subscriptionCount() > 0) await sim.clock.advance(10_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function closedOf(events: readonly FeedEvent[]): Candle[] {
  return events.flatMap((e) => (e.type === 'candle' && e.candle.closed ? [e.candle] : []));
}

describe('storeBackedFeed', () => {
  it('answers a history join from the store, fetching over REST only what it lacks', async () => {
    const sim = await startBinanceSimulator({ market: 'spot', pushIntervalMs: 20_000 });
    simulator = sim;
    feed = createFeed({
      adapters: [binance],
      endpoints: { binance: { spot: { ws: sim.wsBase, rest: sim.restBase } } },
    });
    const store = await createStore('sqlite::memory:');
    const stored: Candle[] = [];
    for (let t = B - 30 * MINUTE; t < B - 10 * MINUTE; t += MINUTE)
      stored.push(sim.candleAt('BTCUSDT', '1m', t)!);
    await store.write(stored);
    const backed = storeBackedFeed(feed, store);

    const before = sim.restRequestCount(KLINES);
    const events: FeedEvent[] = [];
    const first = backed.subscribe(BTC, { history: 30, onEvent: (e) => events.push(e) });
    await advanceUntil(sim, () => closedOf(events).length >= 32);
    const closed = closedOf(events);
    expect(closed.slice(0, 30).map((c) => c.openTime)).toEqual(
      Array.from({ length: 30 }, (_, i) => B - 30 * MINUTE + i * MINUTE),
    );
    expect(closed.map((c) => c.openTime - closed[0]!.openTime)).toEqual(closed.map((_, i) => i * MINUTE));
    for (const candle of closed) expect(candle).toEqual(sim.candleAt('BTCUSDT', '1m', candle.openTime));
    // The 10 candles the store lacked came in one REST request, and were written back.
    expect(sim.restRequestCount(KLINES)).toBe(before + 1);
    expect(await store.count({ ...BTC, from: B - 30 * MINUTE, to: B })).toBe(30);
    first.close();

    const history = await backed.history({ ...BTC, from: B - 30 * MINUTE, to: B });
    expect(history).toHaveLength(30);
    expect(sim.restRequestCount(KLINES)).toBe(before + 1);
    await store.close();
  });
});
