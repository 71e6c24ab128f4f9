import type { FeedStatus } from '@ohlcv/core';

export interface ReadinessOptions {
  /** A stream whose last update is older than this (ms) counts as not fresh, stalled or not. Off by default. */
  maxSilenceMs?: number;
  /** Current time, ms (for `maxSilenceMs` and the report). */
  now: number;
  /** Watched streams that failed (and are being retried): never fresh, whatever the feed's status. */
  failed?: ReadonlyArray<{ stream: string; reason: string }>;
}

export interface VenueReadiness {
  exchange: string;
  market: string;
  connections: number;
  openConnections: number;
  streams: number;
  stalledStreams: string[];
  lastMessageAt: string | null;
  reconnects: number;
  circuit: 'closed' | 'open' | 'half-open';
}

/** One entry of the older Python connector's `/ready` `exchanges[]` (its fields, our values). */
export interface LegacyReadinessEntry {
  exchange: string;
  /** Our market name. */
  contract_type: string;
  active_connections: number;
  last_message_time: string | null;
  /** Upstream reconnects (that connector counted consecutive failures). */
  consecutive_failures: number;
  circuit_state: 'closed' | 'open' | 'half_open';
  /** An open connection and a message within the last 60 s, as that connector judged it. */
  healthy: boolean;
}

export interface Readiness {
  ready: boolean;
  /** Streams that are not fresh, with why. */
  notFresh: Array<{ stream: string; reason: string }>;
  streams: number;
  venues: VenueReadiness[];
}

function isoOrNull(time: number | undefined): string | null {
  return time === undefined ? null : new Date(time).toISOString();
}

/** A UTC time as Python's `isoformat()` wrote it (`…T08:23:46.177000+00:00`), for the older connector's fields. */
export function pythonIsoTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const millis = iso.slice(20, 23);
  return `${iso.slice(0, 19)}${millis === '000' ? '' : `.${millis}000`}+00:00`;
}

/** The older connector's `exchanges[]` for `/ready`, from the same status. */
export function legacyReadinessEntries(status: FeedStatus, now: number): LegacyReadinessEntry[] {
  return status.venues.map((venue) => ({
    exchange: venue.exchange,
    contract_type: venue.market,
    active_connections: venue.openConnections,
    last_message_time: venue.lastMessageAt === undefined ? null : pythonIsoTime(venue.lastMessageAt),
    consecutive_failures: venue.reconnects,
    circuit_state: venue.circuit === 'half-open' ? 'half_open' : venue.circuit,
    healthy:
      venue.openConnections > 0 && venue.lastMessageAt !== undefined && now - venue.lastMessageAt < 60_000,
  }));
}

/**
 * Ready when nothing is subscribed or every subscribed stream is fresh: not stalled and, when
 * `maxSilenceMs` is set, updated within it; and no watched stream has failed.
 */
export function readinessOf(status: FeedStatus, options: ReadinessOptions): Readiness {
  const notFresh: Readiness['notFresh'] = [...(options.failed ?? [])];
  for (const stream of status.streams) {
    if (stream.stalled) {
      notFresh.push({ stream: stream.stream, reason: 'stalled' });
      continue;
    }
    if (options.maxSilenceMs !== undefined) {
      const last = stream.lastUpdateAt;
      if (last === undefined || options.now - last > options.maxSilenceMs) {
        notFresh.push({
          stream: stream.stream,
          reason:
            last === undefined
              ? 'no update yet'
              : `silent for ${options.now - last} ms (more than ${options.maxSilenceMs} ms)`,
        });
      }
    }
  }
  return {
    ready: notFresh.length === 0,
    notFresh,
    streams: status.streams.length,
    venues: status.venues.map((venue) => ({
      exchange: venue.exchange,
      market: venue.market,
      connections: venue.connections,
      openConnections: venue.openConnections,
      streams: venue.streams,
      stalledStreams: venue.stalledStreams,
      lastMessageAt: isoOrNull(venue.lastMessageAt),
      reconnects: venue.reconnects,
      circuit: venue.circuit,
    })),
  };
}
