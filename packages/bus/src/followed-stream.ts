import type {
  BusFollow,
  Candle,
  CandleBus,
  FeedEvent,
  Logger,
  SubscribeOptions,
  Subscription,
} from '@ohlcv/core';

/** One consumer of a followed stream (what `BusFeed.subscribe` returns). */
export class BusSubscription implements Subscription {
  readonly stream: string;
  readonly ready: Promise<void>;
  readonly closedOnly: boolean;
  /** Closed candles at or below this open time are not delivered to this consumer. */
  after = Number.NEGATIVE_INFINITY;
  /** Live events held while the history join is read. */
  held: Candle[] | undefined;
  ended = false;
  readonly #onEvent: ((event: FeedEvent) => void) | undefined;
  readonly #queue: FeedEvent[] = [];
  #wake: (() => void) | undefined;
  readonly #leave: (subscription: BusSubscription) => void;

  constructor(stream: string, options: SubscribeOptions, leave: (subscription: BusSubscription) => void) {
    this.stream = stream;
    this.closedOnly = options.closedOnly === true;
    this.#onEvent = options.onEvent;
    this.#leave = leave;
    this.ready = Promise.resolve();
  }

  deliver(candle: Candle, receivedAt: number): void {
    if (this.ended || (this.closedOnly && !candle.closed)) return;
    if (this.held !== undefined) {
      this.held.push(candle);
      return;
    }
    if (candle.closed) {
      if (candle.openTime <= this.after) return;
      this.after = candle.openTime;
    } else if (candle.openTime <= this.after) {
      return;
    }
    this.emit({ type: 'candle', stream: this.stream, candle, source: 'live', receivedAt });
  }

  emit(event: FeedEvent): void {
    if (this.ended) return;
    if (this.#onEvent !== undefined) {
      this.#onEvent(event);
      return;
    }
    this.#queue.push(event);
    this.#wake?.();
  }

  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.#wake?.();
    this.#leave(this);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<FeedEvent> {
    try {
      while (true) {
        const event = this.#queue.shift();
        if (event !== undefined) {
          yield event;
          continue;
        }
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = undefined;
      }
    } finally {
      this.close();
    }
  }
}

/**
 * One stream an edge follows on the bus, shared by all its consumers. Closed candles reach every
 * consumer in order and each once: the edge never delivers a closed candle whose open time is not
 * above the last one delivered, whatever the bus or a hand-over between workers does.
 */
export class FollowedStream {
  readonly key: string;
  readonly subscribers = new Set<BusSubscription>();
  lastUpdateAt: number | undefined;
  #lastClosed = Number.NEGATIVE_INFINITY;
  #follow: BusFollow | undefined;
  #closed = false;
  readonly #bus: CandleBus;
  readonly #logger: Logger;
  readonly #now: () => number;

  constructor(key: string, bus: CandleBus, logger: Logger, now: () => number) {
    this.key = key;
    this.#bus = bus;
    this.#logger = logger;
    this.#now = now;
    void this.#start();
  }

  async #start(): Promise<void> {
    let after: number | undefined;
    for (let attempt = 0; !this.#closed; attempt += 1) {
      try {
        after = (await this.#bus.lastClosed(this.key))?.openTime;
        break;
      } catch (error) {
        if (attempt === 0)
          this.#logger.warn({ stream: this.key, err: String(error) }, 'bus unreachable; retrying the follow');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)).unref());
      }
    }
    if (this.#closed) return;
    // Live from the newest stored candle on; history joins read the retained ones.
    if (after !== undefined && this.#lastClosed === Number.NEGATIVE_INFINITY) this.#lastClosed = after;
    this.#follow = this.#bus.follow(this.key, after, {
      closed: this.#onClosed,
      open: this.#onOpen,
      error: (error) => this.#logger.warn({ stream: this.key, err: error.message }, 'bus follow problem'),
    });
  }

  readonly #onClosed = (candle: Candle): void => {
    if (candle.openTime <= this.#lastClosed) return;
    this.#lastClosed = candle.openTime;
    this.#fanOut(candle);
  };

  readonly #onOpen = (candle: Candle): void => {
    if (candle.openTime <= this.#lastClosed) return;
    this.#fanOut(candle);
  };

  #fanOut(candle: Candle): void {
    const now = this.#now();
    this.lastUpdateAt = now;
    for (const subscriber of this.subscribers) subscriber.deliver(candle, now);
  }

  /** Adds a consumer; with `history`, the last N retained closed candles first, then live, no gap or repeat. */
  add(subscriber: BusSubscription, history: number): void {
    this.subscribers.add(subscriber);
    if (history <= 0) return;
    subscriber.held = [];
    const complete = (candles: Candle[]): void => {
      const held = subscriber.held ?? [];
      subscriber.held = undefined;
      const receivedAt = this.#now();
      for (const candle of candles) subscriber.deliver(candle, receivedAt);
      for (const candle of held) subscriber.deliver(candle, receivedAt);
    };
    this.#bus.recentClosed(this.key, history).then(complete, (error: unknown) => {
      this.#logger.warn(
        { stream: this.key, err: String(error) },
        'history join from the bus failed: live only',
      );
      complete([]);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#follow?.close();
  }
}
