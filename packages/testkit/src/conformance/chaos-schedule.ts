/**
 * A seeded random fault schedule: the same seed and settings always give the same faults, at the same
 * virtual times, on the same connections and streams. Every kind of the set occurs at least once (in a
 * seeded order), then kinds are drawn at random until the schedule reaches its end; a delisting, when
 * asked, happens once, past the middle, so the other streams are seen going on without it.
 */
import type { StreamRef } from '@ohlcv/core';
import { prng } from '../sim/candle-generator';
import type { FaultKind } from './chaos-config';

export interface FaultEvent {
  /** Virtual ms the fault starts. */
  at: number;
  kind: FaultKind;
  /** Virtual ms it lasts (0: instantaneous; for REST kinds, the silence before the drop). */
  durationMs: number;
  /** Pushes, frames or REST responses it spoils. */
  count: number;
  /** Which open connection (modulo the count); undefined: every one. */
  connection?: number;
  /** The stream it targets (skip, delist). */
  stream?: StreamRef;
  /** HTTP status (REST errors) or close code (close). */
  code?: number;
  /** Real ms of a slow REST response. */
  delayMs?: number;
}

export interface ScheduleOptions {
  seed: number;
  kinds: readonly FaultKind[];
  /** Virtual ms the first fault may start. */
  start: number;
  /** Virtual ms after which no new fault starts (the last may still be running). */
  end: number;
  streams: readonly StreamRef[];
  /** The stream a `delist` fault removes (one whose symbol no other stream uses). */
  delistStream: StreamRef;
  /** The venue's stall timeout and heartbeat rule (inactivity), virtual ms. */
  stallTimeoutMs: number;
  inactivityTimeoutMs: number;
  intervalMs: number;
}

const CLOSE_CODES = [1000, 1001, 1011, 1012];
const SERVER_ERRORS = [500, 502, 503, 504];

export function chaosSchedule(options: ScheduleOptions): FaultEvent[] {
  const random = prng(options.seed);
  const between = (low: number, high: number): number => low + (high - low) * random();
  const integer = (low: number, high: number): number => Math.floor(between(low, high + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const oneOrAll = (): number | undefined => (random() < 0.5 ? integer(0, 3) : undefined);
  const short = Math.min(options.stallTimeoutMs, options.inactivityTimeoutMs);
  const long = Math.max(options.stallTimeoutMs, options.inactivityTimeoutMs);

  function event(kind: FaultKind, at: number): FaultEvent {
    switch (kind) {
      case 'pause':
        return { at, kind, durationMs: Math.round(between(0.2, 0.8) * short), count: 0 };
      case 'silence':
        return { at, kind, durationMs: Math.round(between(1.2, 2) * long), count: 0 };
      case 'skip':
        return { at, kind, durationMs: 0, count: integer(1, 8), stream: pick(options.streams) };
      case 'drop':
      case 'half-open':
      case 'restart':
        return withConnection({ at, kind, durationMs: 0, count: 0 }, oneOrAll());
      case 'close':
        return withConnection({ at, kind, durationMs: 0, count: 0, code: pick(CLOSE_CODES) }, oneOrAll());
      case 'duplicate':
      case 'reorder':
      case 'truncate':
      case 'garbage':
      case 'oversize':
        return { at, kind, durationMs: 0, count: integer(1, 4) };
      case 'rest-429':
      case 'rest-5xx':
      case 'rest-slow':
      case 'rest-hang': {
        // A silence spanning candle closes, then a drop: the gap fill meets the REST trouble.
        const durationMs = Math.round(between(1, 3) * options.intervalMs);
        if (kind === 'rest-slow')
          return { at, kind, durationMs, count: integer(1, 5), delayMs: integer(200, 1_500) };
        if (kind === 'rest-hang') return { at, kind, durationMs, count: integer(1, 2) };
        const code = kind === 'rest-429' ? 429 : pick(SERVER_ERRORS);
        return { at, kind, durationMs, count: integer(1, 12), code };
      }
      case 'delist':
        // Inside a candle, not on a boundary: the candles closed before it are all owed to the consumer.
        return {
          at: at + Math.round(between(0.15, 0.85) * options.intervalMs),
          kind,
          durationMs: 0,
          count: 0,
          stream: options.delistStream,
        };
    }
  }

  const kinds = options.kinds.filter((kind) => kind !== 'delist');
  const firstPass = shuffled(kinds, random);
  const events: FaultEvent[] = [];
  const delistAt = options.kinds.includes('delist')
    ? options.start + Math.round(between(0.55, 0.7) * (options.end - options.start))
    : undefined;
  let delisted = delistAt === undefined;
  let at = options.start;
  while (kinds.length > 0 && (at < options.end || firstPass.length > 0)) {
    if (!delisted && delistAt !== undefined && at >= delistAt && firstPass.length === 0) {
      events.push(event('delist', at));
      delisted = true;
      at += Math.round(between(1, 3) * options.intervalMs);
      continue;
    }
    const next = event(firstPass.shift() ?? pick(kinds), at);
    events.push(next);
    // Room to recover before the next fault: one to four candles after this one ends.
    at += next.durationMs + Math.round(between(1, 4) * options.intervalMs);
  }
  if (!delisted) events.push(event('delist', at));
  return events;
}

function withConnection(event: FaultEvent, connection: number | undefined): FaultEvent {
  return connection === undefined ? event : { ...event, connection };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let index = out.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [out[index], out[other]] = [out[other]!, out[index]!];
  }
  return out;
}

/** When a fault is over (virtual ms). */
export function faultEnd(event: FaultEvent): number {
  return event.at + event.durationMs;
}
