import {
  createFeed,
  type Feed,
  type MarketSpec,
  type MarketType,
  OhlcvError,
  SymbolRejectedError,
  type VenueAdapter,
} from '@ohlcv/core';
import { type HyperliquidSimulator, startHyperliquidSimulator } from '@ohlcv/testkit';
import { driveUntil, EventRecorder } from '@ohlcv/testkit/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import { hyperliquid } from './index';

/** The adapter with `ws` limits replaced and every subscribe frame it builds recorded. */
function spyAdapter(frames: string[], limits: Partial<MarketSpec['ws']> = {}): VenueAdapter {
  const markets: Partial<Record<MarketType, MarketSpec | undefined>> = {};
  for (const [market, spec] of Object.entries(hyperliquid.markets) as Array<
    [MarketType, MarketSpec | undefined]
  >) {
    markets[market] = spec && { ...spec, ws: { ...spec.ws, ...limits } };
  }
  return Object.assign(Object.create(hyperliquid) as VenueAdapter, {
    markets,
    subscribe: (
      market: MarketType,
      streams: Parameters<VenueAdapter['subscribe']>[1],
      requestId: number,
      now: number,
    ) => {
      const frame = hyperliquid.subscribe(market, streams, requestId, now);
      frames.push(frame);
      return frame;
    },
  });
}

describe('hyperliquid through the engine: symbols and limits', () => {
  let simulator: HyperliquidSimulator | undefined;
  let feed: Feed | undefined;
  afterEach(async () => {
    await feed?.close();
    await simulator?.close();
    feed = undefined;
    simulator = undefined;
  });

  async function setUp(adapter: VenueAdapter, market: 'usdm' | 'spot' = 'usdm') {
    const sim = await startHyperliquidSimulator({ market });
    simulator = sim;
    let opened = 0;
    let closed = 0;
    feed = createFeed({
      adapters: [adapter],
      endpoints: { hyperliquid: { [market]: { ws: sim.wsBase, rest: sim.restBase } } },
      backoff: { initialMs: 20, maxMs: 200 },
      observer: {
        connectionOpened: () => {
          opened += 1;
        },
        connectionClosed: () => {
          closed += 1;
        },
      },
    });
    return { sim, feed, connections: () => ({ opened, closed }) };
  }

  it('fails an unknown coin alone, never subscribes it (it would kill the socket), and keeps the others flowing', async () => {
    const frames: string[] = [];
    const { sim, feed, connections } = await setUp(spyAdapter(frames));
    const btc = new EventRecorder();
    const nope = new EventRecorder();
    const eth = new EventRecorder();
    const btcSubscription = feed.subscribe('hyperliquid:usdm:BTC:1m', { onEvent: btc.onEvent });
    const nopeSubscription = feed.subscribe('hyperliquid:usdm:NOPE:1m', { onEvent: nope.onEvent });
    const ethSubscription = feed.subscribe('hyperliquid:usdm:ETH:1m', { onEvent: eth.onEvent });

    const error = await nopeSubscription.ready.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(SymbolRejectedError);
    expect((error as SymbolRejectedError).symbol).toBe('NOPE');
    expect((error as Error).message).toContain('"NOPE"');
    expect(nope.events.map((event) => event.type)).toEqual(['error']);

    await Promise.all([btcSubscription.ready, ethSubscription.ready]);
    await driveUntil(sim, () => btc.closedCandles().length >= 2 && eth.closedCandles().length >= 2, {
      stepMs: 10_000,
      what: 'BTC and ETH closed candles',
    });
    expect(sim.connectionCount()).toBe(1);
    expect(sim.subscriptionCount()).toBe(2);
    expect(connections()).toEqual({ opened: 1, closed: 0 });
    expect(frames).toHaveLength(2);
    expect(frames.join('\n')).not.toContain('NOPE');
    for (const candle of [...btc.closedCandles(), ...eth.closedCandles()]) {
      expect(candle).toMatchObject(sim.candleAt(candle.symbol, '1m', candle.openTime) ?? {});
    }
  });

  it('resolves the human spot pair HYPE/USDC to its @N coin and streams it', async () => {
    const { sim, feed } = await setUp(hyperliquid, 'spot');
    expect(await feed.resolveSymbol('hyperliquid', 'spot', 'HYPE/USDC')).toBe('@107');
    // A pair the adapter normalizes to its unified name (lower case, dash) resolves through it too.
    expect(await feed.resolveSymbol('hyperliquid', 'spot', 'hype-usdc')).toBe('@107');
    const hype = new EventRecorder();
    const subscription = feed.subscribe('hyperliquid:spot:HYPE/USDC:1m', { onEvent: hype.onEvent });
    await subscription.ready;
    expect(subscription.stream).toBe('hyperliquid:spot:@107:1m');
    await driveUntil(sim, () => hype.closedCandles().length >= 2, {
      stepMs: 10_000,
      what: 'HYPE closed candles',
    });
    for (const candle of hype.closedCandles()) {
      expect(candle.symbol).toBe('@107');
      expect(candle.market).toBe('spot');
      expect(candle).toMatchObject(sim.candleAt('@107', '1m', candle.openTime) ?? { missing: true });
    }
  });

  it('packs streams onto a second connection past maxStreamsPerConnection and refuses one past maxConnections', async () => {
    const { sim, feed } = await setUp(spyAdapter([], { maxStreamsPerConnection: 2, maxConnections: 2 }));
    const streams = ['BTC:1m', 'ETH:1m', 'BTC:5m', 'ETH:5m'];
    const recorders = streams.map(() => new EventRecorder());
    const subscriptions = streams.map((stream, index) =>
      feed.subscribe(`hyperliquid:usdm:${stream}`, { onEvent: recorders[index]!.onEvent }),
    );
    const extra = feed.subscribe('hyperliquid:usdm:kPEPE:1m');
    const error = await extra.ready.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(OhlcvError.isInstance(error) && error.code).toBe('limit_exceeded');
    expect((error as Error).message).toMatch(/kPEPE/);
    expect((error as Error).message).toMatch(/2 connections/);
    await Promise.all(subscriptions.map((subscription) => subscription.ready));
    await driveUntil(sim, () => recorders[1]!.closedCandles().length >= 1, {
      stepMs: 10_000,
      what: 'a closed candle on each connection',
    });
    expect(sim.connectionCount()).toBe(2);
    expect(sim.subscriptionCount()).toBe(4);
    expect(feed.status().venues[0]).toMatchObject({ connections: 2, openConnections: 2, streams: 4 });
  });

  it('refuses a subscription past maxSubscriptions with an error naming the limit; the others go on', async () => {
    const { sim, feed } = await setUp(spyAdapter([], { maxSubscriptions: 2 }));
    const btc = new EventRecorder();
    const eth = new EventRecorder();
    const first = feed.subscribe('hyperliquid:usdm:BTC:1m', { onEvent: btc.onEvent });
    const second = feed.subscribe('hyperliquid:usdm:ETH:1m', { onEvent: eth.onEvent });
    const third = feed.subscribe('hyperliquid:usdm:kPEPE:1m');
    const error = await third.ready.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(OhlcvError.isInstance(error) && error.code).toBe('limit_exceeded');
    expect((error as Error).message).toMatch(/2 subscriptions/);
    await Promise.all([first.ready, second.ready]);
    await driveUntil(sim, () => btc.closedCandles().length >= 1 && eth.closedCandles().length >= 1, {
      stepMs: 10_000,
      what: 'BTC and ETH candles',
    });
    expect(sim.subscriptionCount()).toBe(2);

    // A slot freed is usable again.
    first.close();
    const again = feed.subscribe('hyperliquid:usdm:kPEPE:1m');
    await again.ready;
    expect(sim.subscriptionCount()).toBe(2);
  });
});
