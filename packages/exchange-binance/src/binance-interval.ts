import { type Interval, type MarketType, UnsupportedIntervalError, venueIntervalId } from '@ohlcv/core';
import { marketSpec } from './market-specs';

/** The venue's id for `interval` on `market`; throws UnsupportedIntervalError naming both (e.g. `1s` on usdm). */
export function binanceInterval(market: MarketType, interval: Interval): string {
  const spec = marketSpec(market);
  const intervals = spec.intervals;
  const id = venueIntervalId(spec, interval, 'ws');
  if (id === undefined) {
    throw new UnsupportedIntervalError(String(interval), Object.keys(intervals), `binance ${market}`);
  }
  return id;
}

/** Our interval for a venue interval id (`k.i`), or undefined when the market does not offer it. */
export function intervalFromBinance(market: MarketType, id: string): Interval | undefined {
  // Binance ids are spelled like ours, so the id is its own key.
  return marketSpec(market).intervals[id as Interval] === id ? (id as Interval) : undefined;
}
