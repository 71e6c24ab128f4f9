import { OhlcvError, SymbolRejectedError } from '@ohlcv/core';
import { expect, it } from 'vitest';
import type { VenueSimulator } from '../simulator-types';
import { withStaleInstrument } from './adapter-spies';
import { expectSameCandle } from './candle-checks';
import type { SuiteContext } from './conformance-harness';
import { driveUntil } from './drive';
import { EventRecorder } from './event-recorder';

/**
 * Refused streams: a symbol the instrument list does not have (refused by the engine before any
 * frame), and one the venue's socket refuses (the instrument list still has it) — each fails alone,
 * naming the symbol, while the streams around it deliver.
 */
export function describeRejectionTests(context: SuiteContext): void {
  const { options, market, interval, setUp, stream } = context;
  const step = 15_000;
  const unknownSymbol = (simulator: VenueSimulator, first: string): string =>
    options.unknownSymbol?.(market, simulator) ?? `NOPE${first}`;

  it('fails an unknown symbol alone, naming it, while other streams flow', async () => {
    const { simulator, feed, first } = await setUp();
    const unknown = unknownSymbol(simulator, first);
    const bad = new EventRecorder();
    const good = new EventRecorder();
    const badSubscription = feed.subscribe(
      { exchange: options.adapter.id, market, symbol: unknown, interval },
      { onEvent: bad.onEvent },
    );
    feed.subscribe(
      { exchange: options.adapter.id, market, symbol: first, interval },
      { onEvent: good.onEvent },
    );
    await expect(badSubscription.ready).rejects.toThrowError(unknown);
    const [failure] = bad.ofType('error');
    expect(OhlcvError.isInstance(failure?.error)).toBe(true);
    expect(failure?.error.message).toContain(unknown);
    await driveUntil(simulator, () => good.closedCandles().length >= 2, {
      stepMs: step,
      what: 'the good stream',
    });
  });

  const spec = options.adapter.markets[market];
  // Venues that ack and stay silent (Binance) or drop the whole connection (Hyperliquid) refuse
  // nothing over the socket: for them the engine must catch the symbol from the instrument list (above).
  if (spec === undefined || spec.ws.rejectScope === 'silent' || spec.ws.unknownSymbolKillsConnection) return;

  it("fails a stream the venue's socket refuses alone, with the venue's message; the streams sent with it deliver", async () => {
    const frames: string[] = [];
    let closedConnections = 0;
    let stale = '';
    // In the engine's instrument list (listed when it was fetched, delisted since): only the venue refuses it.
    const adapter = (venue: VenueSimulator) => {
      stale = unknownSymbol(venue, venue.symbols[0] ?? '');
      return withStaleInstrument(
        options.adapter,
        { symbol: stale, unified: `${stale}/STALE`, base: stale, quote: 'STALE' },
        frames,
      );
    };
    const { simulator, feed } = await setUp({
      adapter,
      observer: {
        connectionClosed: () => {
          closedConnections += 1;
        },
      },
    });
    const good = simulator.symbols.slice(0, 3);
    const recorders = new Map(good.map((symbol) => [symbol, new EventRecorder()]));
    const subscribeGood = (symbol: string) =>
      feed.subscribe(stream(symbol), { onEvent: recorders.get(symbol)!.onEvent });
    // The refused stream between good ones: on venues that batch, they share its frame.
    const subscriptions = [subscribeGood(good[0]!)];
    const bad = feed.subscribe(stream(stale));
    subscriptions.push(...good.slice(1).map(subscribeGood));

    const error: unknown = await bad.ready.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(SymbolRejectedError);
    const rejected = error as SymbolRejectedError;
    expect(rejected.symbol).toBe(stale);
    expect(rejected.message).toContain(stale);
    expect(rejected.venueMessage, "the venue's own words").toMatch(/\S/);
    const carrying = frames.filter((frame) => frame.includes(stale));
    expect(carrying, 'the refused stream is subscribed once, never retried').toHaveLength(1);
    if (spec.ws.rejectScope === 'request' && spec.ws.maxStreamsPerRequest > 1 && good[1] !== undefined) {
      // One refusal fails its whole frame on this venue: the good streams of that frame must recover.
      expect(carrying[0], 'the refused stream shared its frame').toContain(good[1]);
    }

    await Promise.all(subscriptions.map((subscription) => subscription.ready));
    await driveUntil(
      simulator,
      () => [...recorders.values()].every((recorder) => recorder.closedCandles().length >= 2),
      { stepMs: step, what: 'closed candles of every good stream' },
    );
    for (const [symbol, recorder] of recorders) {
      expect(recorder.ofType('error'), symbol).toEqual([]);
      for (const candle of recorder.closedCandles())
        expectSameCandle(candle, simulator.candleAt(symbol, interval, candle.openTime));
    }
    expect(simulator.subscriptionCount()).toBe(good.length);
    expect(simulator.connectionCount()).toBe(1);
    expect(closedConnections, 'no connection was given up for one refused stream').toBe(0);
  });
}
