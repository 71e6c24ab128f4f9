import type { Interval, MarketSpec, StreamRef, VenueIntervalId } from '@ohlcv/core';
import { intervalOfVenueId, venueIntervalId } from '@ohlcv/core';

/**
 * The toy venue's interval ids: its socket spells them `1min`, its REST API in seconds (`60`) — the
 * per-channel ids of contract v2.
 */
const TOY_INTERVALS = {
  '1m': { ws: '1min', rest: '60' },
  '5m': { ws: '5min', rest: '300' },
  '1h': { ws: '1hour', rest: '3600' },
} as const satisfies Partial<Record<Interval, VenueIntervalId>>;

/** Most recent candles the toy's REST API keeps, per interval (contract v2: depth by interval). */
const TOY_HISTORY_DEPTH = { '1m': 2_000, '5m': 1_000, '1h': 500 } as const;

/** Candles per REST page at most. */
const TOY_PAGE_SIZE = 200;

/** Topics per subscribe frame at most. */
export const TOY_TOPICS_PER_FRAME = 10;

/** `{"op":"ping","ts":<now, whole ms>}`: the toy venue wants its pings stamped with the client's clock. */
function toyPingFrame(now: number): string {
  return `{"op":"ping","ts":${Math.floor(now)}}`;
}

export const TOY_SPOT: MarketSpec = {
  endpoints: { prod: { ws: 'wss://stream.toy.invalid', rest: 'https://api.toy.invalid' } },
  intervals: TOY_INTERVALS,
  ws: {
    maxStreamsPerConnection: 50,
    maxStreamsPerRequest: TOY_TOPICS_PER_FRAME,
    controlRate: { messages: 20, perMs: 1_000 },
    // The venue drops a socket that sent nothing for 30 s: ping every 10 s.
    heartbeat: { everyMs: 10_000, frame: toyPingFrame },
    inactivityTimeoutMs: 30_000,
    rejectScope: 'stream',
  },
  candles: { closeDetection: 'flag', stallTimeoutMs: 60_000, emptyIntervals: 'present' },
  rest: {
    maxCandlesPerRequest: TOY_PAGE_SIZE,
    rateLimit: { weight: 20, perMs: 1_000 },
    historyDepth: TOY_HISTORY_DEPTH,
  },
};

/** `BTC-USD.1min`: the venue's topic for a stream. */
export function toyTopic(stream: StreamRef): string {
  return `${stream.symbol}.${venueIntervalId(TOY_SPOT, stream.interval, 'ws') ?? stream.interval}`;
}

/** The stream of a topic, or `undefined` when it is not one. */
export function streamOfTopic(topic: unknown): StreamRef | undefined {
  if (typeof topic !== 'string') return undefined;
  const dot = topic.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const interval = intervalOfVenueId(TOY_SPOT, topic.slice(dot + 1), 'ws');
  return interval ? { symbol: topic.slice(0, dot), interval } : undefined;
}
