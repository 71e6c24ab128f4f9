import { alignOpenTime, type Interval, intervalMs, nextOpenTime } from '@ohlcv/core';

/** How many candles open in [from, to): the size of a complete download. */
export function expectedCandles(interval: Interval, from: number, to: number): number {
  let first = alignOpenTime(interval, from);
  if (first < from) first = nextOpenTime(interval, first);
  const last = alignOpenTime(interval, to - 1);
  if (to <= from || first > last) return 0;
  if (interval !== '1M') return Math.floor((last - first) / intervalMs(interval)) + 1;
  let count = 0;
  for (let openTime = first; openTime <= last; openTime = nextOpenTime(interval, openTime)) count += 1;
  return count;
}
