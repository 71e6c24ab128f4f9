import { createFeed, type Feed, SymbolRejectedError, type VenueAdapter } from '@ohlcv/core';
import { startOkxSimulator, type VenueSimulator } from '@ohlcv/testkit';
import { EventRecorder, withStaleInstrument } from '@ohlcv/testkit/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import { okx } from './index';

/**
 * A symbol the engine's instrument list has but the venue's WebSocket refuses (60018): the simulator
 * keeps one table for REST and WS, so the adapter's instrument list is given one extra (delisted)
 * entry — what the engine would hold if the instrument was delisted after its list was fetched.
 */
const DELISTED = 'LUNA-USDT';

function adapterWithStaleInstruments(frames: string[]): VenueAdapter {
  return withStaleInstrument(
    okx,
    { symbol: DELISTED, unified: 'LUNA/USDT', base: 'LUNA', quote: 'USDT' },
    frames,
  );
}

describe('okx through the engine: 60018 fails one arg of a frame', () => {
  let simulator: VenueSimulator | undefined;
  let feed: Feed | undefined;
  afterEach(async () => {
    await feed?.close();
    await simulator?.close();
    feed = undefined;
    simulator = undefined;
  });

  it('fails only the refused stream with the venue message; the other args of the frame deliver', async () => {
    const sim = await startOkxSimulator({ market: 'spot' });
    simulator = sim;
    const frames: string[] = [];
    let closedConnections = 0;
    feed = createFeed({
      adapters: [adapterWithStaleInstruments(frames)],
      endpoints: { okx: { spot: { ws: sim.wsBase, rest: sim.restBase } } },
      backoff: { initialMs: 20, maxMs: 200 },
      observer: {
        connectionClosed: () => {
          closedConnections += 1;
        },
      },
    });
    const good = ['BTC-USDT', 'ETH-USDT', 'SOL-USDC'];
    const recorders = new Map(good.map((symbol) => [symbol, new EventRecorder()]));
    const first = feed.subscribe(`okx:spot:${good[0]}:1m`, { onEvent: recorders.get(good[0]!)!.onEvent });
    const bad = feed.subscribe(`okx:spot:${DELISTED}:1m`);
    const rest = good
      .slice(1)
      .map((symbol) => feed!.subscribe(`okx:spot:${symbol}:1m`, { onEvent: recorders.get(symbol)!.onEvent }));

    const error = await bad.ready.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(SymbolRejectedError);
    expect((error as SymbolRejectedError).symbol).toBe(DELISTED);
    expect((error as SymbolRejectedError).venueMessage).toContain(`instId:${DELISTED} doesn't exist`);
    expect((error as SymbolRejectedError).venueMessage).toContain('60018');
    const firstFrame = JSON.parse(frames[0]!) as { args: Array<{ instId: string }> };
    expect(firstFrame.args.map((arg) => arg.instId)).toEqual([
      ...good.slice(0, 1),
      DELISTED,
      ...good.slice(1),
    ]);

    await Promise.all([first.ready, ...rest.map((subscription) => subscription.ready)]);
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
        expect(candle.close, `${symbol} close`).toBe(sim.candleAt(symbol, '1m', candle.openTime)?.close);
      }
    }
    expect(frames, 'one subscribe frame, nothing re-sent').toHaveLength(1);
    expect(sim.subscriptionCount()).toBe(3);
    expect(sim.connectionCount()).toBe(1);
    expect(closedConnections).toBe(0);
  });
});
