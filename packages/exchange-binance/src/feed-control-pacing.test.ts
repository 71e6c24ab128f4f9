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

  it("subscribing 30 streams one by one uses the 5 messages per second, pongs to the venue's pings included, and keeps the connection", async () => {
    // Pings every 300 ms: each pong counts against the venue's 5 per second like a SUBSCRIBE.
    const sim = await startBinanceSimulator({ market: 'spot', pingIntervalMs: 300 });
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
    const count = 30;
    expect(streams.length).toBeGreaterThanOrEqual(count);
    const first = feed.subscribe(streams[0]!);
    await first.ready;
    const subscriptions = [first];
    // One by one, faster than the venue allows frames: each arrives after the previous frame went out.
    for (const stream of streams.slice(1, count)) {
      subscriptions.push(feed.subscribe(stream));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await Promise.all(subscriptions.map((subscription) => subscription.ready));
    const deadline = Date.now() + 20_000;
    while (sim.subscriptionCount() < count) {
      if (Date.now() > deadline) throw new Error(`only ${sim.subscriptionCount()} of ${count} subscribed`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(closes, 'the venue never closed the connection').toEqual([]);
    expect(sim.connectionCount()).toBe(1);
    expect(sentAt.length).toBeGreaterThan(5);
    // Subscribes alone: at most 5 in any second, and the window is used (pongs take the rest).
    expect(busiestWindow(sentAt, 1_000)).toBeLessThanOrEqual(5);
    expect(busiestWindow(sentAt, 1_000)).toBeGreaterThanOrEqual(4);
  });
});
