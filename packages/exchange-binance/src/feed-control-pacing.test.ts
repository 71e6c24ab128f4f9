import { createFeed, type Feed, type MarketType, type StreamRef, type VenueAdapter } from '@ohlcv/core';
import { startBinanceSimulator, type VenueSimulator } from '@ohlcv/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { binance } from './index';

/** The adapter, recording the real time each control frame it builds is sent. */
function timedAdapter(sentAt: number[]): VenueAdapter {
  return Object.assign(Object.create(binance) as VenueAdapter, {
    subscribe: (market: MarketType, streams: readonly StreamRef[], requestId: number) => {
      sentAt.push(performance.now());
      return binance.subscribe(market, streams, requestId);
    },
  });
}

/** Most frames in any window of `windowMs`. */
function busiestWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  for (let start = 0; start < times.length; start++) {
    let end = start;
    while (end < times.length && times[end]! - times[start]! < windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

describe('binance spot through the engine: control frames are paced', () => {
  let simulator: VenueSimulator | undefined;
  let feed: Feed | undefined;
  afterEach(async () => {
    await feed?.close();
    await simulator?.close();
    feed = undefined;
    simulator = undefined;
  });

  it('subscribing 50 streams one by one sends at most 5 control messages per second and keeps the connection', async () => {
    const sim = await startBinanceSimulator({ market: 'spot' });
    simulator = sim;
    const sentAt: number[] = [];
    const closes: Array<{ code: number; reason: string }> = [];
    feed = createFeed({
      adapters: [timedAdapter(sentAt)],
      endpoints: { binance: { spot: { ws: sim.wsBase, rest: sim.restBase } } },
      observer: { connectionClosed: ({ code, reason }) => closes.push({ code, reason }) },
    });
    const intervals = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d'];
    const streams = sim.symbols.flatMap((symbol) =>
      intervals.map((interval) => `binance:spot:${symbol}:${interval}`),
    );
    expect(streams.length).toBeGreaterThanOrEqual(50);
    const first = feed.subscribe(streams[0]!);
    await first.ready;
    const subscriptions = [first];
    // One by one, faster than the venue allows frames: each arrives after the previous frame went out.
    for (const stream of streams.slice(1, 50)) {
      subscriptions.push(feed.subscribe(stream));
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await Promise.all(subscriptions.map((subscription) => subscription.ready));
    const deadline = Date.now() + 10_000;
    while (sim.subscriptionCount() < 50) {
      if (Date.now() > deadline) throw new Error(`only ${sim.subscriptionCount()} of 50 subscribed`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(closes, 'the venue never closed the connection').toEqual([]);
    expect(sim.connectionCount()).toBe(1);
    expect(sentAt.length).toBeGreaterThan(5);
    expect(busiestWindow(sentAt, 1_000)).toBeLessThanOrEqual(5);
  });
});
