import type { Interval } from '@ohlcv/core';

/** Bybit interval ids (docs: `1,3,5,15,30,60,120,240,360,720,D,W,M`) and the generator interval behind each. */
export const INTERVAL_OF_ID: ReadonlyMap<string, Interval> = new Map([
  ['1', '1m'],
  ['3', '3m'],
  ['5', '5m'],
  ['15', '15m'],
  ['30', '30m'],
  ['60', '1h'],
  ['120', '2h'],
  ['240', '4h'],
  ['360', '6h'],
  ['720', '12h'],
  ['D', '1d'],
  ['W', '1w'],
  ['M', '1M'],
]);

const ID_OF_INTERVAL: ReadonlyMap<Interval, string> = new Map(
  [...INTERVAL_OF_ID].map(([id, interval]) => [interval, id]),
);

export function intervalId(interval: Interval): string {
  const id = ID_OF_INTERVAL.get(interval);
  if (id === undefined) throw new Error(`bybit has no interval ${interval}`);
  return id;
}

export function hasInterval(interval: Interval): boolean {
  return ID_OF_INTERVAL.has(interval);
}
