import { type Interval, type MarketType, UnsupportedIntervalError } from '@ohlcv/core';

/** Our interval → Bybit's interval id (same for spot, linear and inverse; no 1s, 8h or 3d). */
export const BYBIT_INTERVALS: Readonly<Partial<Record<Interval, string>>> = {
  '1m': '1',
  '3m': '3',
  '5m': '5',
  '15m': '15',
  '30m': '30',
  '1h': '60',
  '2h': '120',
  '4h': '240',
  '6h': '360',
  '12h': '720',
  '1d': 'D',
  '1w': 'W',
  '1M': 'M',
};

const INTERVAL_OF_ID: ReadonlyMap<string, Interval> = new Map(
  (Object.entries(BYBIT_INTERVALS) as Array<[Interval, string]>).map(([interval, id]) => [id, interval]),
);

const SUPPORTED: readonly string[] = Object.keys(BYBIT_INTERVALS);

/** Bybit's id for `interval`; throws UnsupportedIntervalError naming it (1s, 8h, 3d). */
export function toBybitInterval(market: MarketType, interval: Interval): string {
  const id = BYBIT_INTERVALS[interval];
  if (id === undefined) throw new UnsupportedIntervalError(interval, SUPPORTED, `bybit ${market}`);
  return id;
}

/** Our interval for Bybit's id (`5`, `D`), or undefined. */
export function fromBybitInterval(id: string): Interval | undefined {
  return INTERVAL_OF_ID.get(id);
}
