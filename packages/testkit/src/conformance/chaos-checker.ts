/**
 * The chaos checker, per stream, against the simulator's final candles:
 * - every closed candle exactly once, ascending, consecutive (no hole where the venue has a candle),
 *   with the venue's final values;
 * - every silence of live data (as it reached the engine) longer than the stall timeout holds a
 *   `stalled`, then a `recovered`;
 * - a delisted stream fails with an error naming its symbol; no other stream fails.
 */
import {
  alignOpenTime,
  type Candle,
  type FeedEvent,
  type Interval,
  nextOpenTime,
  type StreamRef,
} from '@ohlcv/core';

export interface TimedEvent {
  event: FeedEvent;
  /** Virtual ms (the simulator's clock) when the consumer got it. */
  at: number;
}

export interface StreamCheck {
  stream: StreamRef;
  /** Canonical key, for messages. */
  key: string;
  events: readonly TimedEvent[];
  /** Virtual ms the stream was subscribed. */
  subscribedAt: number;
  /** Virtual ms its symbol was delisted, if it was. */
  delistedAt?: number;
  /**
   * Virtual ms each live candle of the stream reached the engine (the feed observer's
   * `candleReceived`). Silences are measured on these: a live candle held behind a pending gap
   * fill reaches the consumer late, in a burst, yet the venue was not silent. Without them, the
   * consumer's live candle events are used.
   */
  liveArrivals?: readonly number[];
  /** This stream's stall timeout when it differs from the window's (scaled by its interval). */
  stallTimeoutMs?: number;
}

export interface CheckWindow {
  /** Virtual ms the run ended. */
  endAt: number;
  stallTimeoutMs: number;
  /** Tolerance of time-judged rules (step of the driver + push cadence). */
  slackMs: number;
  /** The venue's final candle (undefined: no candle at that open time). */
  candleAt(symbol: string, interval: Interval, openTime: number): Candle | undefined;
}

export interface StreamFindings {
  key: string;
  closed: number;
  lost: number[];
  duplicated: number[];
  outOfOrder: number[];
  wrongValues: string[];
  missedStalls: string[];
  missedRecoveries: string[];
  /** Errors on a stream that was not delisted, or a delisted stream that did not fail naming itself. */
  failures: string[];
  /** Closed candles [from, to] the engine reported as `gap` (a loss it admits). */
  gaps: string[];
  /** Virtual ms from each silence past the stall timeout to its `stalled` event. */
  stallDelays: number[];
}

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(':00.000Z', 'Z').replace('.000Z', 'Z');
}

function sameValue(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

function firstOpenAtOrAfter(interval: Interval, time: number): number {
  const aligned = alignOpenTime(interval, time);
  return aligned === time ? time : nextOpenTime(interval, aligned);
}

export function checkStream(check: StreamCheck, window: CheckWindow): StreamFindings {
  const { stream, key } = check;
  const findings: StreamFindings = {
    key,
    closed: 0,
    lost: [],
    duplicated: [],
    outOfOrder: [],
    wrongValues: [],
    missedStalls: [],
    missedRecoveries: [],
    failures: [],
    gaps: [],
    stallDelays: [],
  };
  const seen = new Set<number>();
  let newest = Number.NEGATIVE_INFINITY;
  for (const { event } of check.events) {
    if (event.type === 'gap') findings.gaps.push(`${iso(event.from)}–${iso(event.to)} (${event.reason})`);
    if (event.type !== 'candle' || !event.candle.closed) continue;
    const candle = event.candle;
    findings.closed += 1;
    if (seen.has(candle.openTime)) {
      findings.duplicated.push(candle.openTime);
      continue;
    }
    seen.add(candle.openTime);
    if (candle.openTime < newest) findings.outOfOrder.push(candle.openTime);
    newest = Math.max(newest, candle.openTime);
    const expected = window.candleAt(stream.symbol, stream.interval, candle.openTime);
    if (!expected) {
      findings.wrongValues.push(`${iso(candle.openTime)}: the venue has no such candle`);
      continue;
    }
    const wrong = FIELDS.filter((field) => !sameValue(candle[field], expected[field]));
    if (candle.closeTime !== expected.closeTime) wrong.push('closeTime' as never);
    if (wrong.length > 0) {
      const detail = wrong.map((field) => `${field} ${candle[field]} ≠ ${expected[field]}`).join(', ');
      findings.wrongValues.push(`${iso(candle.openTime)} (${event.source}): ${detail}`);
    }
  }

  // Completeness: from the first candle opening after the subscribe to the last one closed well
  // before the end (or before the delisting).
  const until = Math.min(window.endAt - window.slackMs, check.delistedAt ?? Number.POSITIVE_INFINITY);
  for (
    let openTime = firstOpenAtOrAfter(stream.interval, check.subscribedAt);
    nextOpenTime(stream.interval, openTime) <= until;
    openTime = nextOpenTime(stream.interval, openTime)
  ) {
    if (!seen.has(openTime) && window.candleAt(stream.symbol, stream.interval, openTime))
      findings.lost.push(openTime);
  }

  checkStalls(check, window, findings);
  checkFailures(check, findings);
  return findings;
}

/** Silences of live data past the stall timeout: each must hold `stalled`, then `recovered`. */
function checkStalls(check: StreamCheck, window: CheckWindow, findings: StreamFindings): void {
  const live: number[] = [check.subscribedAt];
  const stalled: number[] = [];
  const recovered: number[] = [];
  if (check.liveArrivals) live.push(...check.liveArrivals);
  for (const { event, at } of check.events) {
    if (event.type === 'candle' && event.source === 'live') {
      if (!check.liveArrivals) live.push(at);
    } else if (event.type === 'stalled') stalled.push(at);
    else if (event.type === 'recovered') recovered.push(at);
  }
  const limit = check.delistedAt ?? window.endAt;
  for (let index = 1; index < live.length; index += 1) {
    const from = live[index - 1]!;
    const to = live[index]!;
    const stallTimeoutMs = check.stallTimeoutMs ?? window.stallTimeoutMs;
    if (from >= limit || to - from <= stallTimeoutMs + window.slackMs) continue;
    const span = `a silence of ${Math.round((to - from) / 1000)} s (${iso(from)}–${iso(to)})`;
    const report = stalled.find((at) => at > from && at <= to + window.slackMs);
    if (report === undefined) {
      findings.missedStalls.push(`${span} without \`stalled\``);
      continue;
    }
    findings.stallDelays.push(report - from);
    if (!recovered.some((at) => at >= report && at <= to + window.slackMs))
      findings.missedRecoveries.push(`${span}: \`stalled\` at ${iso(report)} but no \`recovered\``);
  }
}

function checkFailures(check: StreamCheck, findings: StreamFindings): void {
  const errors = check.events.flatMap(({ event, at }) =>
    event.type === 'error' ? [{ message: event.error.message, at }] : [],
  );
  if (check.delistedAt === undefined) {
    for (const error of errors) findings.failures.push(`failed at ${iso(error.at)}: ${error.message}`);
    return;
  }
  const named = errors.find((error) => error.message.includes(check.stream.symbol));
  if (!named)
    findings.failures.push(
      errors.length > 0
        ? `delisted at ${iso(check.delistedAt)}, failed without naming ${check.stream.symbol}: ${errors[0]!.message}`
        : `delisted at ${iso(check.delistedAt)}, never failed (no error event)`,
    );
}

/** One line per problem, at most `limit`, for a failure message. */
export function describeFindings(findings: StreamFindings, limit = 6): string[] {
  const lines: string[] = [];
  const list = (label: string, times: number[]) => {
    if (times.length > 0)
      lines.push(
        `${findings.key}: ${times.length} ${label}: ${times.slice(0, limit).map(iso).join(', ')}${times.length > limit ? ', …' : ''}`,
      );
  };
  list('lost', findings.lost);
  list('duplicated', findings.duplicated);
  list('out of order', findings.outOfOrder);
  for (const [label, items] of [
    ['wrong values', findings.wrongValues],
    ['missed stalls', findings.missedStalls],
    ['missed recoveries', findings.missedRecoveries],
    ['failures', findings.failures],
    ['gaps reported', findings.gaps],
  ] as const) {
    if (items.length > 0)
      lines.push(
        `${findings.key}: ${items.length} ${label}: ${items.slice(0, limit).join('; ')}${items.length > limit ? '; …' : ''}`,
      );
  }
  return lines;
}
