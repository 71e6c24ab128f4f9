import type { Candle, InstrumentIndex, MarketType, VenueAdapter } from '@ohlcv/core';

/**
 * Why an adapter's byte-level fast path (`parseCandleFrame`) and its plain `parse` disagree on
 * `frame`, or undefined when they agree: where the fast path yields a candle, `parse` must yield
 * exactly that one candle (same keys in the same order, same values by `Object.is`). A fast path
 * that declines (`undefined`) always agrees.
 */
export function fastPathDisagreement(
  adapter: VenueAdapter,
  market: MarketType,
  frame: Buffer,
  instruments?: InstrumentIndex,
): string | undefined {
  const fast = adapter.parseCandleFrame?.(market, frame, instruments);
  if (fast === undefined) return undefined;
  const events = adapter.parse(market, frame.toString('utf8'), instruments);
  const event = events[0];
  const plain = events.length === 1 && event?.type === 'candle' ? event.candle : undefined;
  if (plain === undefined) return `the fast path yields a candle, parse yields ${JSON.stringify(events)}`;
  const keys = Object.keys(fast);
  if (keys.join() !== Object.keys(plain).join()) return `keys ${keys.join()} vs ${Object.keys(plain).join()}`;
  for (const key of keys as Array<keyof Candle>) {
    if (!Object.is(fast[key], plain[key])) return `${key}: ${String(fast[key])} vs ${String(plain[key])}`;
  }
  return undefined;
}

/**
 * The adapter with its fast path checked against `parse` on every frame the engine reads (the
 * simulator's, faults included): each disagreement is recorded in `disagreements` with the frame.
 * An adapter without a fast path is returned as it is.
 */
export function withCheckedFastPath(adapter: VenueAdapter, disagreements: string[]): VenueAdapter {
  const fastPath = adapter.parseCandleFrame;
  if (fastPath === undefined) return adapter;
  return Object.assign(Object.create(adapter) as VenueAdapter, {
    parseCandleFrame: (market: MarketType, frame: Buffer, instruments?: InstrumentIndex) => {
      const problem = fastPathDisagreement(adapter, market, frame, instruments);
      if (problem !== undefined) disagreements.push(`${problem} in ${frame.toString('utf8').slice(0, 300)}`);
      return fastPath.call(adapter, market, frame, instruments);
    },
  });
}
