import type { RestPriority } from './background-lane';
import type { BackoffOptions } from './backoff';
import type { Candle } from './candle';
import type { Clock } from './clock';
import type { FeedObserver } from './feed-types';
import type { Interval } from './interval';
import type { StreamSequencer } from './sequencer';
import type { StreamId } from './stream-key';
import type { MarketSpec, StreamRef } from './venue-adapter';

/** What a stream needs from its venue market. */
export interface StreamHost {
  readonly clock: Clock;
  readonly observer: FeedObserver | undefined;
  readonly signal: AbortSignal;
  readonly spec: MarketSpec;
  readonly closeGraceMs: number;
  /** How long a stream without consumers lingers before it is torn down (0: at once). */
  readonly lingerMs: number;
  readonly backoff: Omit<BackoffOptions, 'now' | 'random'> | undefined;
  readonly random: (() => number) | undefined;
  /** The stall timeout of a stream of `interval` (see `MarketSpec.candles.quietPushes`). */
  stallTimeoutFor(interval: Interval): number;
  /** Closed-or-not candles with open times in [from, to] over REST (paged, retried). */
  fetchCandles(
    stream: StreamRef,
    from: number,
    to: number,
    options?: { signal?: AbortSignal; priority?: RestPriority },
  ): Promise<Candle[]>;
  /** When the venue market's REST circuit allows its next trial, if it is open. */
  circuitRetryAt(): number | undefined;
  /** Re-subscribes the stream on its connection (stall ladder). */
  resubscribe(stream: StreamView): void;
  /** Recycles the stream's connection (stall ladder). */
  recycle(stream: StreamView): void;
  /** The stream went silent past its stall timeout (re-validate its symbol). */
  onStalled(stream: StreamView): void;
  /** The stream has had no consumer for its linger time: remove it. */
  onAbandoned(stream: StreamView): void;
}

/**
 * What a stream's parts (gap fill, quiet-close check, history joins, stall watch) read of their
 * stream. Each part changes only its own state; the sequencer is driven through its methods.
 */
export interface StreamView {
  readonly key: string;
  readonly id: StreamId;
  readonly ref: StreamRef;
  /** The venue's stream name (topic/arg). */
  readonly name: string;
  readonly host: StreamHost;
  readonly sequencer: StreamSequencer;
  /** Disposed: its parts stop. */
  readonly closed: boolean;
  /** Whether the stream's connection is open. */
  readonly connected: boolean;
  /** A `gap`, `stalled` or `recovered` event to every consumer (with its log line and observer call). */
  reportGap(from: number, to: number, reason: string): void;
  reportStalled(silentMs: number): void;
  reportRecovered(): void;
  /** A gap fill's answer (rows or failure) was applied to the sequencer. */
  gapSettled(): void;
}
