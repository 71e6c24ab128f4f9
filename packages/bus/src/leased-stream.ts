import {
  type Candle,
  type CandleBus,
  type Feed,
  type FeedEvent,
  type Logger,
  nextOpenTime,
  parseStreamKey,
  type Subscription,
} from '@ohlcv/core';

export interface LeasedStreamContext {
  bus: CandleBus;
  feed: Feed;
  logger: Logger;
  /** Closed candles kept per stream after the bus has them, republished after a bus reconnect (a bus restarted empty gets them back). */
  republishCandles: number;
  /** Closed candles held per stream while the bus is unreachable; beyond it the oldest are dropped (logged). */
  maxBuffered: number;
  /** Closed candles a fresh stream (nothing on the bus yet) starts with, for history joins. */
  seedHistory: number;
  observer: IngestObserver;
}

/** What an ingest worker does, for metrics and logs. All optional. */
export interface IngestObserver {
  streamClaimed?(key: string, resumeAfter: number | undefined): void;
  streamReleased?(key: string, reason: 'no_demand' | 'lease_lost' | 'failed' | 'shutdown'): void;
  closedPublished?(key: string, count: number): void;
  publishFailed?(key: string, error: unknown): void;
  gapFilled?(key: string, count: number): void;
  buffered?(key: string, size: number): void;
  bufferOverflow?(key: string, dropped: number): void;
}

/**
 * One stream a worker holds the lease of: an engine subscription whose closed candles go to the bus
 * in order, each once. It resumes after the bus's newest closed candle, filling the gap before the
 * first candle the engine delivers over REST, and holds closed candles while the bus is unreachable.
 */
export class LeasedStream {
  readonly key: string;
  /** Set while no edge demands the stream: when that began. */
  undemandedSince: number | undefined;
  failed = false;
  #subscription: Subscription | undefined;
  readonly #context: LeasedStreamContext;
  /** Open time of the newest closed candle published or queued. */
  #cursor: number | undefined;
  /** True until the first closed candle after the start was checked for a gap. */
  #checkGap = true;
  #filling = false;
  readonly #held: Candle[] = [];
  /** Closed candles not yet on the bus, ascending. */
  #pending: Candle[] = [];
  /** The newest closed candles the bus confirmed. */
  #recent: Candle[] = [];
  #publishing: Promise<void> | undefined;
  /** Put `#recent` back in front of the queue before the next publish (the bus may have lost it). */
  #republishDue = false;
  #openInFlight = false;
  #nextOpen: Candle | undefined;
  #stopped = false;

  constructor(key: string, context: LeasedStreamContext) {
    this.key = key;
    this.#context = context;
  }

  get buffered(): number {
    return this.#pending.length;
  }

  /** Reads where the bus stands, then subscribes to the venue. */
  async start(): Promise<void> {
    const last = await this.#context.bus.lastClosed(this.key);
    if (this.#stopped) return;
    this.#cursor = last?.openTime;
    this.#context.observer.streamClaimed?.(this.key, this.#cursor);
    this.#context.logger.info(
      { stream: this.key, resumeAfter: last === undefined ? null : new Date(last.openTime).toISOString() },
      'stream claimed',
    );
    this.#subscription = this.#context.feed.subscribe(this.key, {
      history: last === undefined ? this.#context.seedHistory : 1,
      onEvent: this.#onEvent,
    });
  }

  /** Leaves the venue stream; resolves once what was queued reached the bus (or `timeoutMs` passed). */
  async stop(timeoutMs: number): Promise<void> {
    this.#stopped = true;
    this.#subscription?.close();
    this.#subscription = undefined;
    const deadline = Date.now() + timeoutMs;
    while (this.#pending.length > 0 && this.#context.bus.connected && Date.now() < deadline) {
      const before = this.#pending.length;
      await this.#flush();
      if (this.#pending.length >= before) break;
    }
  }

  /**
   * The bus connection went down or came back: before anything else goes out, the recent confirmed
   * candles are sent again (the bus drops those it has; one that restarted empty gets them back, and
   * an edge that had not read them yet still can).
   */
  busStatusChanged(): void {
    this.#republishDue = true;
    void this.#flush();
  }

  readonly #onEvent = (event: FeedEvent): void => {
    if (this.#stopped) return;
    if (event.type === 'candle') {
      if (event.candle.closed) this.#closed(event.candle);
      else this.#open(event.candle);
      return;
    }
    // A failure or a gap is logged by the engine (through the feed's logger), once.
    if (event.type === 'error') this.failed = true;
  };

  #closed(candle: Candle): void {
    if (this.#cursor !== undefined && candle.openTime <= this.#cursor) return;
    if (this.#filling) {
      this.#held.push(candle);
      return;
    }
    const cursor = this.#cursor;
    if (this.#checkGap && cursor !== undefined) {
      this.#checkGap = false;
      const interval = parseStreamKey(this.key).interval;
      const from = nextOpenTime(interval, cursor);
      if (candle.openTime > from) {
        this.#filling = true;
        this.#held.push(candle);
        void this.#fillGap(from, candle.openTime);
        return;
      }
    }
    this.#checkGap = false;
    this.#enqueue(candle);
  }

  async #fillGap(from: number, to: number): Promise<void> {
    const id = parseStreamKey(this.key);
    try {
      const candles = await this.#context.feed.history({ ...id, from, to });
      for (const candle of candles) this.#enqueue(candle);
      this.#context.observer.gapFilled?.(this.key, candles.length);
      this.#context.logger.info(
        { stream: this.key, from, to, candles: candles.length },
        'hand-over gap filled',
      );
    } catch (error) {
      this.#context.logger.warn(
        { stream: this.key, from, to, err: error instanceof Error ? error.message : String(error) },
        'hand-over gap fill failed: candles missing on the bus',
      );
    }
    this.#filling = false;
    for (const candle of this.#held.splice(0)) this.#enqueue(candle);
  }

  #enqueue(candle: Candle): void {
    if (this.#cursor !== undefined && candle.openTime <= this.#cursor) return;
    this.#cursor = candle.openTime;
    this.#pending.push(candle);
    const overflow = this.#pending.length - this.#context.maxBuffered;
    if (overflow > 0) {
      this.#pending.splice(0, overflow);
      this.#context.observer.bufferOverflow?.(this.key, overflow);
      this.#context.logger.error(
        { stream: this.key, dropped: overflow, limit: this.#context.maxBuffered },
        'bus unreachable too long: oldest buffered closed candles dropped',
      );
    }
    void this.#flush();
  }

  #flush(): Promise<void> {
    if (this.#publishing !== undefined) return this.#publishing;
    if (this.#pending.length === 0 || !this.#context.bus.connected) {
      if (this.#pending.length > 0) this.#context.observer.buffered?.(this.key, this.#pending.length);
      return Promise.resolve();
    }
    if (this.#republishDue) {
      this.#republishDue = false;
      this.#pending = [...this.#recent, ...this.#pending];
      this.#recent = [];
    }
    const batch = this.#pending.slice();
    this.#publishing = this.#context.bus.publishClosed(this.key, batch).then(
      () => {
        this.#publishing = undefined;
        this.#pending.splice(0, batch.length);
        this.#recent = [...this.#recent, ...batch].slice(-this.#context.republishCandles);
        this.#context.observer.closedPublished?.(this.key, batch.length);
        if (this.#pending.length > 0) void this.#flush();
      },
      (error: unknown) => {
        this.#publishing = undefined;
        this.#republishDue = true;
        this.#context.observer.publishFailed?.(this.key, error);
        this.#context.observer.buffered?.(this.key, this.#pending.length);
        this.#context.logger.warn(
          {
            stream: this.key,
            buffered: this.#pending.length,
            err: error instanceof Error ? error.message : String(error),
          },
          'publish failed; closed candles buffered until the bus is back',
        );
      },
    );
    return this.#publishing;
  }

  /** Open updates are conflated: one in flight, the newest waits. */
  #open(candle: Candle): void {
    if (!this.#context.bus.connected) return;
    if (this.#openInFlight) {
      this.#nextOpen = candle;
      return;
    }
    this.#openInFlight = true;
    this.#context.bus.publishOpen(this.key, candle).then(this.#openDone, this.#openDone);
  }

  readonly #openDone = (): void => {
    this.#openInFlight = false;
    const next = this.#nextOpen;
    this.#nextOpen = undefined;
    if (next !== undefined && !this.#stopped) this.#open(next);
  };
}
