import {
  Backoff,
  type Clock,
  type Feed,
  type FeedEvent,
  type Logger,
  type Subscription,
  systemClock,
  type TimerHandle,
} from '@ohlcv/core';

export interface FailedStream {
  stream: string;
  reason: string;
}

export interface WatchStreamsOptions {
  feed: Pick<Feed, 'subscribe'>;
  keys: readonly string[];
  logger: Logger;
  /** Every event of every watched stream (logging). */
  onEvent?: (event: FeedEvent) => void;
  clock?: Clock;
  /** Waits between re-subscribes of a failed stream. @default { initialMs: 1_000, maxMs: 60_000 } */
  backoff?: { initialMs?: number; maxMs?: number };
  random?: () => number;
}

interface Watched {
  key: string;
  subscription: Subscription | undefined;
  backoff: Backoff;
  failure: FailedStream | undefined;
  timer: TimerHandle | undefined;
}

/**
 * The canary's watched streams. A stream that fails (its terminal `error`: a rejected symbol, a
 * venue refusing it) is not forgotten: it counts as failed — not ready — and is subscribed again
 * with backoff until it works, when it leaves the failed list.
 */
export class WatchedStreams {
  readonly #options: WatchStreamsOptions;
  readonly #clock: Clock;
  readonly #watched: Watched[];
  #closed = false;

  constructor(options: WatchStreamsOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#watched = options.keys.map((key) => ({
      key,
      subscription: undefined,
      failure: undefined,
      timer: undefined,
      backoff: new Backoff({
        initialMs: options.backoff?.initialMs ?? 1_000,
        maxMs: options.backoff?.maxMs ?? 60_000,
        now: this.#clock.now,
        ...(options.random ? { random: options.random } : {}),
      }),
    }));
    for (const watched of this.#watched) this.#subscribe(watched);
  }

  /** The subscriptions of the moment (a failed stream's is replaced when it is retried). */
  get subscriptions(): Subscription[] {
    return this.#watched.flatMap((watched) => (watched.subscription ? [watched.subscription] : []));
  }

  /** Streams whose last subscription failed and that are waiting for (or on) a retry. */
  failed(): FailedStream[] {
    return this.#watched.flatMap((watched) => (watched.failure ? [watched.failure] : []));
  }

  close(): void {
    this.#closed = true;
    for (const watched of this.#watched) {
      this.#clock.clearTimeout(watched.timer);
      watched.subscription?.close();
    }
  }

  #subscribe(watched: Watched): void {
    if (this.#closed) return;
    const { feed, logger, onEvent } = this.#options;
    const subscription = feed.subscribe(watched.key, {
      closedOnly: true,
      onEvent: (event) => {
        onEvent?.(event);
        if (event.type === 'error' && watched.subscription === subscription) this.#onFailed(watched, event);
      },
    });
    watched.subscription = subscription;
    subscription.ready.then(
      () => {
        if (watched.subscription !== subscription) return;
        if (watched.failure) logger.info({ stream: watched.key }, 'watched stream works again');
        watched.failure = undefined;
        watched.backoff.reset();
        logger.info({ stream: subscription.stream }, 'watching');
      },
      () => {},
    );
  }

  #onFailed(watched: Watched, event: Extract<FeedEvent, { type: 'error' }>): void {
    if (this.#closed) return;
    const delayMs = Math.round(watched.backoff.next());
    const retryAt = new Date(this.#clock.now() + delayMs).toISOString();
    watched.failure = {
      stream: event.stream,
      reason: `failed (${event.error.code}): ${event.error.message}; retrying at ${retryAt}`,
    };
    this.#options.logger.warn({ stream: watched.key, delayMs }, 'watched stream failed; retrying');
    this.#clock.clearTimeout(watched.timer);
    watched.timer = this.#clock.setTimeout(() => {
      watched.timer = undefined;
      this.#subscribe(watched);
    }, delayMs);
  }
}
