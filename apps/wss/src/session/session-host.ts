import type { Clock, Logger } from '@ohlcv/core';
import type { ServerMetrics } from '@ohlcv/health';
import type { BatchWindowSet } from '../batch-windows';
import type { RateLimiter } from '../rate-limiter';
import type { StreamResolver } from '../resolve-stream';
import type { StreamHub } from '../stream-hub';
import type { ChannelClient, LegacyView } from '../stream-member';
import type { LegacyTimeouts } from './legacy-protocol';

export interface SessionLimits {
  maxStreamsPerClient: number;
  maxMessageBytes: number;
  maxOpsPerSecond: number;
  maxBufferedBytes: number;
  /** Streams subscribed with `history` > 0 per client per minute (each join may cost REST calls). @default 60 */
  maxHistoryJoinsPerMinute?: number;
  maxHistory: number;
}

/** What every session of a server shares. */
export interface SessionContext {
  hub: StreamHub;
  resolver: StreamResolver;
  limits: SessionLimits;
  metrics: ServerMetrics;
  logger: Logger;
  /** Time and timers (core's clock): injectable so tests drive time. */
  clock: Clock;
  /** The batching windows of every client, one timer per window length. @default each session its own, on `clock` */
  windows?: BatchWindowSet;
  /** The older connector's subscribe and idle timeouts. */
  legacy: LegacyTimeouts;
  /** The session's outbox holds messages: flush it until drained. */
  onBacklog(session: ChannelClient): void;
}

/**
 * What a protocol module sees of the shared session: sending, its streams (joined and left through
 * the hub, counted in the metrics) and closing. One owner: the session; protocols only call these.
 */
export interface SessionHost extends ChannelClient {
  readonly id: number;
  readonly context: SessionContext;
  /** The socket closed: nothing more is done for this client. */
  readonly isEnded: boolean;
  readonly streamCount: number;
  /** History joins this client may still start (a token bucket: the REST cost one client can cause). */
  readonly historyJoins: RateLimiter;
  /** An unexpected failure handling this client's message: logged, answered `internal_error`. */
  internalError(error: unknown): void;
  send(text: string, type: string): void;
  /** Counts a client error (by code) in the metrics. */
  countError(code: string): void;
  /** Whether the client has the stream. */
  has(key: string): boolean;
  /** Adds the stream and attaches it to the hub (after `history` closed candles, 0 = live only; `legacy`: quotes). */
  join(key: string, history: number, legacy?: LegacyView): void;
  /** Removes the stream and detaches it from the hub; false when the client did not have it. */
  leave(key: string): boolean;
  /** Mutes every stream now (nothing more is delivered) and leaves them all in a microtask. */
  muteAndLeaveAll(): void;
  /** Closes the socket once the outbox is drained. */
  closeAfterDrain(code: number, reason: string): void;
}

/** One protocol spoken over a session, chosen by the client's first message. */
export interface SessionProtocol {
  /** A text message after the one that chose the protocol. */
  receive(text: string): void;
  /** A message refused before parsing (rate, size, binary), answered in this protocol's shape. */
  refuse(code: string, message: string): void;
  /** A candle or quote went out to this client. */
  quoteSent(): void;
  /** One of the client's streams ended with a terminal error (already sent); it is no longer joined. */
  streamEnded(key: string): void;
  /** The socket closed. */
  ended(): void;
}
