import { UnsupportedIntervalError } from './errors';

export type Interval =
  | '1s'
  | '1m'
  | '3m'
  | '5m'
  | '15m'
  | '30m'
  | '1h'
  | '2h'
  | '4h'
  | '6h'
  | '8h'
  | '12h'
  | '1d'
  | '3d'
  | '1w'
  | '1M';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Fixed lengths in ms; `1M` is a calendar month and is handled by {@link nextOpenTime}. */
const FIXED_MS: Record<Exclude<Interval, '1M'>, number> = {
  '1s': SECOND,
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '4h': 4 * HOUR,
  '6h': 6 * HOUR,
  '8h': 8 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
  '3d': 3 * DAY,
  '1w': 7 * DAY,
};

export const INTERVALS: readonly Interval[] = [...(Object.keys(FIXED_MS) as Interval[]), '1M'];

export function isInterval(value: unknown): value is Interval {
  return typeof value === 'string' && (INTERVALS as readonly string[]).includes(value);
}

/** Parses an interval string (case-sensitive: `1m` is a minute, `1M` a month); throws naming the value. */
export function parseInterval(value: string): Interval {
  if (isInterval(value)) return value;
  throw new UnsupportedIntervalError(value, INTERVALS);
}

/** Nominal length in ms (a month counts as 30 days): for sizing windows and timers, not for boundaries. */
export function intervalMs(interval: Interval): number {
  return interval === '1M' ? 30 * DAY : FIXED_MS[interval];
}

/** Open time of the candle after the one opening at `openTime` (calendar-aware for `1M`). */
export function nextOpenTime(interval: Interval, openTime: number): number {
  if (interval !== '1M') return openTime + FIXED_MS[interval];
  const d = new Date(openTime);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Close time (inclusive, last ms) of the candle opening at `openTime`. */
export function closeTimeOf(interval: Interval, openTime: number): number {
  return nextOpenTime(interval, openTime) - 1;
}

/**
 * Start of the UTC-aligned candle containing `time`. Days, 3d and hours align to the epoch;
 * weeks start on Monday 00:00 UTC; months on the 1st.
 */
export function alignOpenTime(interval: Interval, time: number): number {
  if (interval === '1M') {
    const d = new Date(time);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  if (interval === '1w') {
    const MONDAY_OFFSET = 4 * DAY; // 1970-01-01 was a Thursday; 1970-01-05 a Monday
    return Math.floor((time - MONDAY_OFFSET) / FIXED_MS['1w']) * FIXED_MS['1w'] + MONDAY_OFFSET;
  }
  const len = FIXED_MS[interval];
  return Math.floor(time / len) * len;
}
