import type { Candle } from './candle';
import { ConflatingBuffer, feedEventConflation } from './conflating-buffer';
import { ConsumerOverflowError, OhlcvError } from './errors';
import type { FeedEvent, SubscribeOptions, Subscription } from './feed-types';

/** Closed candles a consumer may fall behind by default. */
export const DEFAULT_BUFFER_SIZE = 10_000;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

function noop(): void {}

/**
 * One subscriber of a stream: a {@link Subscription}. Events are pushed synchronously: to the
 * `onEvent` listener at once and, once iteration has started (or when there is no listener), into
 * a bounded conflating buffer read by the async iterator. A consumer that falls `bufferSize`
 * closed candles behind gets a terminal `error` (ConsumerOverflowError) and is detached.
 */
export class Consumer implements Subscription {
  readonly ready: Promise<void>;
  readonly closedOnly: boolean;
  readonly history: number;
  #stream: string;
  readonly #onEvent: ((event: FeedEvent) => void) | undefined;
  readonly #buffer: ConflatingBuffer<FeedEvent>;
  #buffering: boolean;
  #waiter: ((result: IteratorResult<FeedEvent>) => void) | undefined;
  /** Set once the consumer ended: delivered after the buffer drains, then the iterator is done. */
  #terminal: FeedEvent | undefined;
  #ended = false;
  #resolveReady: () => void = noop;
  #rejectReady: (error: OhlcvError) => void = noop;
  #isReady = false;
  /** Events held while a `history` join is fetched; undefined when not joining. */
  #held: FeedEvent[] | undefined;
  #heldClosed = 0;
  /** Called once when the consumer leaves (close, overflow, failure): detaches it from its stream. */
  onLeave: (consumer: Consumer) => void = noop;
  readonly #onFinish: () => void;

  /** `onFinish` runs once when the consumer ends, however it ends (the feed's keep-alive release). */
  constructor(stream: string, options: SubscribeOptions = {}, onFinish: () => void = noop) {
    this.#stream = stream;
    this.#onFinish = onFinish;
    this.closedOnly = options.closedOnly === true;
    this.history = Math.max(0, Math.floor(options.history ?? 0));
    this.#onEvent = options.onEvent;
    this.#buffer = new ConflatingBuffer(options.bufferSize ?? DEFAULT_BUFFER_SIZE, feedEventConflation);
    this.#buffering = options.onEvent === undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    // Nobody has to await `ready`: keep an unobserved rejection from crashing the process.
    this.ready.catch(noop);
  }

  get stream(): string {
    return this.#stream;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** The canonical key once the symbol is resolved. */
  setStream(stream: string): void {
    this.#stream = stream;
  }

  markReady(): void {
    if (this.#isReady) return;
    this.#isReady = true;
    this.#resolveReady();
  }

  /** Hot path: one event, delivered synchronously. */
  deliver(event: FeedEvent): void {
    if (this.#ended) return;
    if (this.closedOnly && event.type === 'candle' && !event.candle.closed) return;
    if (this.#held !== undefined) {
      this.#hold(event);
      return;
    }
    this.#push(event);
  }

  /** Start holding live events while a history join is fetched. */
  beginJoin(): void {
    if (this.#held === undefined) this.#held = [];
  }

  get joining(): boolean {
    return this.#held !== undefined;
  }

  /**
   * End the join: deliver `history` (closed candles, ascending) then the held live events, skipping
   * held candles the history already covered.
   */
  completeJoin(history: readonly Candle[], receivedAt: number): void {
    const held = this.#held;
    if (held === undefined) return;
    this.#held = undefined;
    this.#heldClosed = 0;
    let last = Number.NEGATIVE_INFINITY;
    for (const candle of history) {
      if (this.#ended) return;
      if (candle.openTime <= last) continue;
      last = candle.openTime;
      this.#push({ type: 'candle', stream: this.#stream, candle, source: 'rest', receivedAt });
    }
    for (const event of held) {
      if (this.#ended) return;
      if (event.type === 'candle' && event.candle.openTime <= last) continue;
      this.#push(event);
    }
  }

  #hold(event: FeedEvent): void {
    const held = this.#held as FeedEvent[];
    if (event.type === 'candle' && !event.candle.closed) {
      const previous = held[held.length - 1];
      if (previous?.type === 'candle' && !previous.candle.closed) {
        held[held.length - 1] = event;
        return;
      }
    } else if (this.#heldClosed >= this.#buffer.bound) {
      this.#overflow();
      return;
    } else {
      this.#heldClosed += 1;
    }
    held.push(event);
  }

  #push(event: FeedEvent): void {
    this.#onEvent?.(event);
    if (!this.#buffering || this.#ended) return;
    const waiter = this.#waiter;
    if (waiter !== undefined && this.#buffer.size === 0) {
      this.#waiter = undefined;
      waiter({ done: false, value: event });
      return;
    }
    if (!this.#buffer.push(event)) this.#overflow();
  }

  #overflow(): void {
    const error = new ConsumerOverflowError(this.#stream, this.#buffer.bound);
    this.fail(error);
  }

  /** Terminal error: delivered (listener at once, iterator after what is buffered), then the consumer leaves. */
  fail(error: OhlcvError): void {
    if (this.#ended) return;
    const event: FeedEvent = { type: 'error', stream: this.#stream, error };
    this.#onEvent?.(event);
    this.#rejectReady(error);
    this.#finish(this.#buffering ? event : undefined);
  }

  /** The feed closed: end the iterator after what is buffered. */
  end(): void {
    if (this.#ended) return;
    this.#finish(undefined);
  }

  close(): void {
    if (this.#ended) return;
    this.#buffer.clear();
    this.#finish(undefined);
  }

  #finish(terminal: FeedEvent | undefined): void {
    this.#ended = true;
    this.#held = undefined;
    this.#terminal = terminal;
    if (!this.#isReady) this.#rejectReady(new ConsumerClosedError(this.#stream));
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      const next = this.#takeNext();
      waiter(next === undefined ? DONE : { done: false, value: next });
    }
    this.#onFinish();
    this.onLeave(this);
  }

  #takeNext(): FeedEvent | undefined {
    const event = this.#buffer.shift();
    if (event !== undefined) return event;
    const terminal = this.#terminal;
    this.#terminal = undefined;
    return terminal;
  }

  [Symbol.asyncIterator](): AsyncIterator<FeedEvent> {
    this.#buffering = true;
    return {
      next: (): Promise<IteratorResult<FeedEvent>> => {
        const event = this.#takeNext();
        if (event !== undefined) return Promise.resolve({ done: false, value: event });
        if (this.#ended) return Promise.resolve(DONE);
        return new Promise((resolve) => {
          this.#waiter = resolve;
        });
      },
      return: (): Promise<IteratorResult<FeedEvent>> => {
        this.close();
        return Promise.resolve(DONE);
      },
    };
  }
}

/** `ready` of a consumer that was closed before its stream delivered. */
class ConsumerClosedError extends OhlcvError {
  constructor(stream: string) {
    super(`subscription to ${stream} was closed before it became ready`, { code: 'closed' });
    this.name = 'ConsumerClosedError';
  }
}
