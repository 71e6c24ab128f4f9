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
