import type { Interval } from '@ohlcv/core';

/**
 * The toy venue as its (imaginary) documentation states it, for the simulator: interval ids per
 * channel, REST depth per interval, page size, and the request-time rule. Written apart from the
 * adapter, as a simulator of a real venue is written from its notes.
 */
export const WS_INTERVALS: ReadonlyMap<string, Interval> = new Map([
  ['1min', '1m'],
  ['5min', '5m'],
  ['1hour', '1h'],
]);

export const REST_INTERVALS: ReadonlyMap<string, Interval> = new Map([
  ['60', '1m'],
  ['300', '5m'],
  ['3600', '1h'],
]);

export const WS_ID_OF: ReadonlyMap<Interval, string> = new Map(
  [...WS_INTERVALS].map(([id, interval]) => [interval, id]),
);

/** Candles REST keeps back from the current one, per interval. */
export const REST_DEPTH: Readonly<Partial<Record<Interval, number>>> = {
  '1m': 2_000,
  '5m': 1_000,
  '1h': 500,
};

export const MAX_ROWS = 200;
export const MAX_TOPICS = 10;

/** `ts` of a client request: a number, and (when `maxSkewMs` is set) within that of the venue's clock. */
export function checkRequestTime(
  ts: unknown,
  venueNow: number,
  maxSkewMs: number | undefined,
): string | undefined {
  if (typeof ts !== 'number' || !Number.isFinite(ts)) return `missing ts (got ${JSON.stringify(ts)})`;
  if (maxSkewMs !== undefined && Math.abs(ts - venueNow) > maxSkewMs) {
    return `stale ts ${ts}: the venue's clock is ${venueNow}`;
  }
  return undefined;
}
