import type { Interval } from '@ohlcv/core';

/** Gate interval ids the simulator generates candles for (the ids equal our names). */
const GENERATED: ReadonlyMap<string, Interval> = new Map<string, Interval>([
  ['1m', '1m'],
  ['5m', '5m'],
  ['15m', '15m'],
  ['30m', '30m'],
  ['1h', '1h'],
  ['4h', '4h'],
  ['8h', '8h'],
  ['1d', '1d'],
]);

/** Ids Gate accepts on `*.candlesticks` (docs enum); `10s` and `7d` are acked but not generated. */
export const WS_INTERVAL_IDS: ReadonlySet<string> = new Set([
  '10s',
  '1m',
  '5m',
  '15m',
  '30m',
  '1h',
  '4h',
  '8h',
  '1d',
  '7d',
]);

/** Ids Gate accepts over REST: spot adds `1s` and `30d`; futures are the WS enum. */
export const SPOT_REST_INTERVAL_IDS: ReadonlySet<string> = new Set([...WS_INTERVAL_IDS, '1s', '30d']);
export const FUTURES_REST_INTERVAL_IDS: ReadonlySet<string> = new Set(WS_INTERVAL_IDS);

/** Our interval for a Gate id the simulator generates (`1s` only where `allowSecond`), else undefined. */
export function generatedInterval(id: string, allowSecond = false): Interval | undefined {
  if (allowSecond && id === '1s') return '1s';
  return GENERATED.get(id);
}
