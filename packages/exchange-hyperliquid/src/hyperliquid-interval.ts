import { type Interval, type MarketType, UnsupportedIntervalError, venueIntervalId } from '@ohlcv/core';
import { HYPERLIQUID_INTERVALS, marketSpec } from './market-specs';

/** The venue's id for `interval`; throws UnsupportedIntervalError naming it (`1s`, `6h`). */
export function hyperliquidInterval(market: MarketType, interval: Interval): string {
  const id = venueIntervalId(marketSpec(market), interval, 'ws');
  if (id === undefined) {
    throw new UnsupportedIntervalError(
      String(interval),
      Object.keys(HYPERLIQUID_INTERVALS),
      `hyperliquid ${market}`,
    );
  }
  return id;
}

/** Our interval for a venue interval id (`data.i`), or undefined when unknown. */
export function intervalFromHyperliquid(id: unknown): Interval | undefined {
  if (typeof id !== 'string') return undefined;
  // Venue ids are spelled like ours, so the id is its own key.
  return HYPERLIQUID_INTERVALS[id as Interval] === id ? (id as Interval) : undefined;
}
