import { createFeed, type Feed, SymbolRejectedError, type VenueAdapter } from '@ohlcv/core';
import { startBybitSimulator, type VenueSimulator } from '@ohlcv/testkit';
import { EventRecorder, withStaleInstrument } from '@ohlcv/testkit/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import { bybit } from './index';

/**
 * A symbol the engine's instrument list has but the venue's WebSocket refuses: the simulator keeps
 * one list for REST and WS, so the adapter's instrument list is given one extra (delisted) entry —
 * what the engine would hold if the symbol was delisted after its list was fetched.
 */
const DELISTED = 'LUNAUSDT';

function adapterWithStaleInstruments(frames: string[]): VenueAdapter {
  return withStaleInstrument(
    bybit,
    { symbol: DELISTED, unified: 'LUNA/USDT:USDT', base: 'LUNA', quote: 'USDT' },
    frames,
  );
}

describe('bybit through the engine: one refused topic poisons its whole frame', () => {
  let simulator: VenueSimulator | undefined;
  let feed: Feed | undefined;
  afterEach(async () => {
    await feed?.close();
    await simulator?.close();
    feed = undefined;
    simulator = undefined;
  });

  it('fails only the refused stream with the venue message; every good stream of the frame delivers', async () => {
    const sim = await startBybitSimulator({ market: 'usdm' });
    simulator = sim;
    const frames: string[] = [];
    let opened = 0;
    let closedConnections = 0;
    feed = createFeed({
      adapters: [adapterWithStaleInstruments(frames)],
      endpoints: { bybit: { usdm: { ws: sim.wsBase, rest: sim.restBase } } },
      backoff: { initialMs: 20, maxMs: 200 },
      observer: {
        connectionOpened: () => {
          opened += 1;
        },
        connectionClosed: () => {
          closedConnections += 1;
        },
      },
    });
    const good = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT'];
    const recorders = new Map(good.map((symbol) => [symbol, new EventRecorder()]));
    const subscriptions = [
      ...good
        .slice(0, 2)
        .map((symbol) =>
          feed!.subscribe(`bybit:usdm:${symbol}:1m`, { onEvent: recorders.get(symbol)!.onEvent }),
        ),
      feed.subscribe(`bybit:usdm:${DELISTED}:1m`),
      ...good
        .slice(2)
        .map((symbol) =>
          feed!.subscribe(`bybit:usdm:${symbol}:1m`, { onEvent: recorders.get(symbol)!.onEvent }),
        ),
    ];
    const bad = subscriptions[2]!;
    const error = await bad.ready.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(SymbolRejectedError);
    expect((error as SymbolRejectedError).symbol).toBe(DELISTED);
    expect((error as SymbolRejectedError).venueMessage).toContain(`Invalid symbol :[kline.1.${DELISTED}]`);

    // The first frame carried all five topics: the venue refused it as a whole.
    const first = JSON.parse(frames[0]!) as { args: string[] };
    expect(first.args).toHaveLength(5);
    expect(first.args).toContain(`kline.1.${DELISTED}`);

    await Promise.all(subscriptions.filter((subscription) => subscription !== bad).map((s) => s.ready));
    const deadline = Date.now() + 15_000;
    while ([...recorders.values()].some((recorder) => recorder.closedCandles().length < 2)) {
      if (Date.now() > deadline) throw new Error('timed out waiting for closed candles of every good stream');
      await sim.clock.advance(10_000);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const [symbol, recorder] of recorders) {
      expect(
        recorder.events.filter((event) => event.type === 'error'),
        symbol,
      ).toEqual([]);
      for (const candle of recorder.closedCandles()) {
        const expected = sim.candleAt(symbol, '1m', candle.openTime);
        expect(candle.close, `${symbol} close`).toBe(expected?.close);
      }
    }
    expect(sim.subscriptionCount()).toBe(4);
    expect(sim.connectionCount()).toBe(1);
    expect({ opened, closedConnections }).toEqual({ opened: 1, closedConnections: 0 });
    expect(frames.join('\n').split(`kline.1.${DELISTED}`).length - 1, 'the bad topic is not retried').toBe(1);
  });
});
