import type { MarketType } from './candle';
import type { CircuitBreaker } from './circuit-breaker';
import type { FeedStatus } from './feed-types';
import type { StreamState } from './stream-state';
import type { VenueConnection } from './venue-connection';

/** One venue market's part of {@link FeedStatus}: its connections and its streams. */
export function venueMarketStatus(
  exchange: FeedStatus['venues'][number]['exchange'],
  market: MarketType,
  connections: readonly VenueConnection[],
  streams: Iterable<StreamState>,
  circuit: CircuitBreaker['state'],
): { venue: FeedStatus['venues'][number]; streams: FeedStatus['streams'] } {
  let lastMessageAt: number | undefined;
  let reconnects = 0;
  let open = 0;
  for (const connection of connections) {
    reconnects += connection.reconnects;
    if (connection.isOpen) open += 1;
    if (
      connection.lastMessageAt !== undefined &&
      (lastMessageAt === undefined || connection.lastMessageAt > lastMessageAt)
    ) {
      lastMessageAt = connection.lastMessageAt;
    }
  }
  const rows: FeedStatus['streams'] = [];
  const stalledStreams: string[] = [];
  for (const state of streams) {
    if (state.stalled) stalledStreams.push(state.key);
    rows.push({
      stream: state.key,
      consumers: state.consumers.length,
      lastUpdateAt: state.lastUpdateAt,
      stalled: state.stalled,
    });
  }
  return {
    venue: {
      exchange,
      market,
      connections: connections.length,
      openConnections: open,
      streams: rows.length,
      stalledStreams,
      lastMessageAt,
      reconnects,
      circuit,
    },
    streams: rows,
  };
}
