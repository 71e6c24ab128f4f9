import { Backoff, type BackoffOptions } from './backoff';
import type { Candle } from './candle';
import type { Clock } from './clock';
import { OhlcvError } from './errors';
import { alignOpenTime, type Interval, intervalMs, nextOpenTime } from './interval';
import { asVenueHttpError } from './rest-client';
import { sleep } from './sleep';

/** What a gap fill needs from its stream and venue market. */
export interface GapFillContext {
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly interval: Interval;
  /** The venue market as named in reasons, e.g. `binance spot`. */
  readonly venueName: string;
  readonly backoff: Omit<BackoffOptions, 'now' | 'random'> | undefined;
  readonly random: (() => number) | undefined;
  /** Candles the venue keeps over REST (counted back from its newest), if it keeps only so many. */
  readonly historyDepth: number | undefined;
  /** Whether the venue has a candle for an interval without trades. */
  readonly emptyIntervals: 'present' | 'absent';
  /** Where the stream is cancelled (its last consumer left). */
  isCancelled(): boolean;
  /** Newest open time the stream has seen live (for the history depth). */
  newestSeen(): number;
  /** When the venue market's REST circuit allows its next trial, if it is open. */
  circuitRetryAt(): number | undefined;
  fetch(from: number, to: number): Promise<Candle[]>;
  /** A failed attempt, before it is retried (the observer's and the log's business). */
  onError(error: unknown, willRetry: boolean): void;
}

export type GapFillOutcome =
  /** Closed rows for [from, to]; `servedFrom` > from when older candles are beyond the venue's depth. */
  | { kind: 'rows'; rows: Candle[]; servedFrom: number; depthReason?: string }
  /** The venue cannot serve the range (beyond its history, a refusal that is not transient). */
  | { kind: 'unavailable'; reason: string }
  | { kind: 'cancelled' };

/** How long REST may lag the stream (not yet serving the range closed) before it is reported as a gap. */
const REST_LAG_LIMIT_MS = 15 * 60_000;
/** First wait before asking a lagging REST again; doubles up to {@link REST_LAG_MAX_WAIT_MS}. */
const REST_LAG_FIRST_WAIT_MS = 1_000;
const REST_LAG_MAX_WAIT_MS = 30_000;

/**
 * Fetches the closed candles of [from, to] and keeps trying while the venue's history covers the
 * range: transient failures (network, 429, 5xx, an open circuit) are retried with backoff, waiting
 * out an open circuit to its half-open trial, with no limit on rounds; only a range the venue
 * cannot serve (beyond its history depth, a non-transient refusal) ends as `unavailable`.
 *
 * REST may lag the stream: the newest row of the range still open, or not there yet. The range is
 * asked one candle beyond `to` (a candle the stream has already seen start), and counts as served
 * only once REST has that later row or every candle of the range closed; until then it is asked
 * again. Rows are never closed here: an open row is partial values.
 */
export async function fillGap(context: GapFillContext, from: number, to: number): Promise<GapFillOutcome> {
  const { clock, interval } = context;
  const errorBackoff = new Backoff({
    ...context.backoff,
    now: clock.now,
    ...(context.random ? { random: context.random } : {}),
  });
  let lagWaitMs = REST_LAG_FIRST_WAIT_MS;
  let laggingSince: number | undefined;
  const beyond = nextOpenTime(interval, to);
  for (;;) {
    if (context.isCancelled() || context.signal.aborted) return { kind: 'cancelled' };
    let servedFrom = from;
    let depthReason: string | undefined;
    const depth = context.historyDepth;
    if (depth !== undefined) {
      // The venue keeps `depth` candles back from the newest one seen (venue time, not the local clock).
      const newest = Math.max(context.newestSeen(), beyond);
      const earliest = alignOpenTime(interval, newest - (depth - 1) * intervalMs(interval));
      if (earliest > from) {
        depthReason = `older than the ${depth} candles ${context.venueName} keeps over REST`;
        if (to < earliest) return { kind: 'unavailable', reason: depthReason };
        servedFrom = earliest;
      }
    }
    let waitMs: number;
    try {
      const rows = await context.fetch(servedFrom, beyond);
      if (context.isCancelled()) return { kind: 'cancelled' };
      const served = servedRows(rows, servedFrom, to, interval, context.emptyIntervals);
      if (served !== undefined) {
        return {
          kind: 'rows',
          rows: served,
          servedFrom,
          ...(depthReason === undefined ? {} : { depthReason }),
        };
      }
      const now = clock.now();
      laggingSince ??= now;
      if (now - laggingSince >= REST_LAG_LIMIT_MS) {
        // Report what REST has; what it still lacks becomes a reported gap, never a silent skip.
        return { kind: 'rows', rows, servedFrom, ...(depthReason === undefined ? {} : { depthReason }) };
      }
      waitMs = lagWaitMs;
      lagWaitMs = Math.min(REST_LAG_MAX_WAIT_MS, lagWaitMs * 2);
    } catch (error) {
      if (context.isCancelled() || context.signal.aborted) return { kind: 'cancelled' };
      const transient = isTransient(error);
      context.onError(error, transient);
      if (!transient) {
        return {
          kind: 'unavailable',
          reason: `REST backfill failed: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
      const retryAt = context.circuitRetryAt();
      waitMs = Math.max(errorBackoff.next(), retryAt === undefined ? 0 : retryAt - clock.now());
    }
    try {
      await sleep(clock, waitMs, context.signal);
    } catch {
      return { kind: 'cancelled' };
    }
  }
}

/**
 * REST has the range when it has moved past it (a row beyond `to`: every row before it is final,
 * as the adapters judge rows followed by a later one), or, for a venue with a candle per interval,
 * when every candle of the range is there closed. Returns the rows to use, or undefined.
 */
function servedRows(
  rows: readonly Candle[],
  from: number,
  to: number,
  interval: Interval,
  emptyIntervals: 'present' | 'absent',
): Candle[] | undefined {
  if (rows.some((row) => row.openTime > to)) {
    return rows.map((row) => (row.closed || row.openTime > to ? row : { ...row, closed: true }));
  }
  if (emptyIntervals === 'absent') return undefined;
  let expected = from;
  for (const row of rows) {
    if (row.openTime < expected) continue;
    if (row.openTime !== expected || !row.closed) return undefined;
    expected = nextOpenTime(interval, expected);
  }
  return expected > to ? [...rows] : undefined;
}

/** Failures worth asking again: network, 429/418/5xx, an open circuit. */
export function isTransient(error: unknown): boolean {
  if (OhlcvError.isInstance(error) && error.code === 'circuit_open') return true;
  const http = asVenueHttpError(error);
  if (http) return http.retryable;
  return OhlcvError.isInstance(error) && error.code === 'venue_http';
}
