/**
 * Which open times a Binance klines request returns (venue doc §1.1–1.3), as a pure function.
 * Spot / USDⓈ-M: `startTime` → oldest from start; `endTime` only → most recent up to end; both → from
 * start, not past end; neither → most recent. COIN-M: a window of at most 200 days ([start, end], start
 * only → end = start + 200 d capped at now, end only → start = end − 200 d, neither → end = now), and the
 * most recent `limit` rows of that window. Only candles between `earliest` and the open candle at `now` exist.
 */
import { alignOpenTime, type Interval, nextOpenTime } from '@ohlcv/core';
import type { BinanceMarket } from './binance-markets';

export const COINM_MAX_SPAN_MS = 200 * 86_400_000;

export interface KlinesWindowQuery {
  market: BinanceMarket;
  interval: Interval;
  limit: number;
  startTime?: number | undefined;
  endTime?: number | undefined;
  /** Virtual now: the candle containing it is the newest (open) one. */
  now: number;
  /** Open time of the oldest candle the venue has. */
  earliest: number;
}

/** Ascending open times, or an error message for a COIN-M span over 200 days. */
export function klinesWindow(query: KlinesWindowQuery): number[] | { error: 'span' } {
  const { interval, limit, now, earliest } = query;
  const latest = alignOpenTime(interval, now);
  let { startTime, endTime } = query;
  if (query.market === 'coinm') {
    if (startTime !== undefined && endTime !== undefined) {
      if (endTime - startTime > COINM_MAX_SPAN_MS) return { error: 'span' };
    } else if (startTime !== undefined) {
      endTime = Math.min(startTime + COINM_MAX_SPAN_MS, now);
    } else {
      endTime ??= now;
      startTime = endTime - COINM_MAX_SPAN_MS;
    }
    return newestFirst(
      interval,
      Math.max(ceilOpenTime(interval, startTime), earliest),
      Math.min(endTime, latest),
      limit,
    );
  }
  if (startTime === undefined) {
    return newestFirst(interval, earliest, Math.min(endTime ?? now, latest), limit);
  }
  const last = Math.min(endTime ?? Number.POSITIVE_INFINITY, latest);
  const out: number[] = [];
  for (
    let openTime = Math.max(ceilOpenTime(interval, startTime), earliest);
    openTime <= last && out.length < limit;
  ) {
    out.push(openTime);
    openTime = nextOpenTime(interval, openTime);
  }
  return out;
}

/** The most recent `limit` open times in [first, lastTime], ascending. */
function newestFirst(interval: Interval, first: number, lastTime: number, limit: number): number[] {
  const out: number[] = [];
  for (let openTime = alignOpenTime(interval, lastTime); openTime >= first && out.length < limit; ) {
    out.push(openTime);
    openTime = alignOpenTime(interval, openTime - 1);
  }
  return out.reverse();
}

/** The first open time ≥ `time`. */
function ceilOpenTime(interval: Interval, time: number): number {
  const aligned = alignOpenTime(interval, time);
  return aligned === time ? aligned : nextOpenTime(interval, aligned);
}
