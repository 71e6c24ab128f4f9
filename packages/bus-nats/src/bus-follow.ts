import {
  type Consumer,
  type ConsumerMessages,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type OrderedConsumerOptions,
} from '@nats-io/jetstream';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { Backoff, type BusFollow, type BusListener, type Candle } from '@ohlcv/core';
import type { BusNames, StreamSubjects } from './bus-names';
import { decodeCandle } from './candle-codec';
import type { ConnectionStatus } from './connection-status';
import { asError } from './jetstream-errors';

export interface FollowContext {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly names: BusNames;
  readonly status: ConnectionStatus;
}

/**
 * One `follow`: an ordered consumer on the stream's closed subject (the client library recreates
 * it after a reconnect from the last stream sequence it saw), wrapped in a loop that starts a new
 * one from the last delivered sequence if the library gives up; plus a core subscription to the
 * open subject. Every closed candle passes a guard (`openTime` above the last one delivered), so a
 * restart of the consumer can never deliver one twice or out of order. Open updates for candles
 * already delivered closed are dropped.
 */
export class NatsFollow implements BusFollow {
  readonly #context: FollowContext;
  readonly #subjects: StreamSubjects;
  readonly #listener: BusListener;
  readonly #openSubscription: Subscription;
  readonly #backoff = new Backoff({ initialMs: 100, maxMs: 5_000, stableAfterMs: 10_000 });
  readonly #running: Promise<void>;
  /** `openTime` of the last closed candle delivered (or the cursor given). */
  #lastOpenTime: number;
  /** Stream sequence of the last closed message seen; 0 before the first. */
  #lastSeq = 0;
  #stopped = false;
  /** The library recreated the consumer itself: start a fresh one (see #watch). */
  #recreated = false;
  #openSeen = false;
  #consumer: Consumer | undefined;
  #messages: ConsumerMessages | undefined;
  #pause: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  #stop: () => void = () => undefined;
  readonly #stopping = new Promise<void>((resolve) => {
    this.#stop = resolve;
  });

  constructor(
    context: FollowContext,
    subjects: StreamSubjects,
    afterOpenTime: number | undefined,
    listener: BusListener,
  ) {
    this.#context = context;
    this.#subjects = subjects;
    this.#listener = listener;
    this.#lastOpenTime = afterOpenTime ?? Number.NEGATIVE_INFINITY;
    this.#openSubscription = context.nc.subscribe(subjects.open, {
      callback: (error, message) => this.#onOpen(error, message),
    });
    this.#running = this.#run();
  }

  async close(): Promise<void> {
    if (this.#stopped) return this.#running;
    this.#stopped = true;
    this.#stop();
    this.#openSubscription.unsubscribe();
    this.#pause?.wake();
    await this.#stopConsumer();
    await this.#running;
  }

  async #run(): Promise<void> {
    let first = true;
    while (!this.#stopped) {
      // Requests made while disconnected only time out: wait for the connection instead.
      await Promise.race([this.#context.status.whenConnected().catch(() => undefined), this.#stopping]);
      if (this.#stopped) break;
      if (first) void this.#deliverStoredOpen();
      first = false;
      try {
        await this.#consume();
        const messages = this.#messages;
        const failure = messages ? await messages.closed() : undefined;
        if (this.#stopped) break;
        if (this.#recreated) this.#recreated = false;
        else this.#report(failure ? asError(failure) : new Error(`following ${this.#subjects.closed} ended`));
      } catch (error) {
        if (this.#stopped) break;
        this.#report(asError(error));
      }
      await this.#stopConsumer();
      await this.#sleep(this.#backoff.next());
    }
    await this.#stopConsumer();
  }

  async #consume(): Promise<void> {
    const { js, names } = this.#context;
    if (this.#lastSeq === 0 && Number.isFinite(this.#lastOpenTime)) await this.#skipToCursor();
    const options: Partial<OrderedConsumerOptions> = { filter_subjects: this.#subjects.closed };
    if (this.#lastSeq > 0) {
      options.deliver_policy = DeliverPolicy.StartSequence;
      options.opt_start_seq = this.#lastSeq + 1;
    } else {
      options.deliver_policy = DeliverPolicy.All;
    }
    const consumer = await js.consumers.get(names.closedStream, options);
    this.#consumer = consumer;
    if (this.#stopped) return;
    const messages = await consumer.consume({ callback: (message) => this.#onClosed(message) });
    this.#messages = messages;
    if (this.#stopped) {
      await this.#stopConsumer();
      return;
    }
    this.#backoff.succeeded();
    void this.#watch(messages);
  }

  /**
   * When the server lost the consumer (a crashed server), @nats-io/jetstream 3.4 recreates it but
   * keeps the old pull's pending count, so it pulls a few messages and then stalls until the pull
   * expires (30 s). Replace such a consumer at once with a fresh one from the last sequence seen.
   */
  async #watch(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      if (status.type === 'ordered_consumer_recreated' && this.#messages === messages) {
        this.#recreated = true;
        messages.stop();
        return;
      }
    }
  }

  /** When the cursor is at or past the stored end, start after the end instead of scanning it all. */
  async #skipToCursor(): Promise<void> {
    const { jsm, names } = this.#context;
    const last = await jsm.direct.getMessage(names.closedStream, { last_by_subj: this.#subjects.closed });
    if (!last) return;
    const candle = decodeCandle(last.data, this.#subjects.key, this.#subjects.closed, last.seq);
    if (candle.openTime <= this.#lastOpenTime) this.#lastSeq = last.seq;
  }

  #onClosed(message: JsMsg): void {
    if (this.#stopped) return;
    this.#lastSeq = message.seq;
    const candle = this.#decode(message.data, this.#subjects.closed, message.seq);
    if (!candle || candle.openTime <= this.#lastOpenTime) return;
    this.#lastOpenTime = candle.openTime;
    try {
      this.#listener.closed(candle);
    } catch (error) {
      this.#report(asError(error));
    }
  }

  #onOpen(error: Error | null, message: Msg): void {
    if (this.#stopped) return;
    if (error) {
      this.#report(error);
      return;
    }
    this.#openSeen = true;
    this.#deliverOpen(this.#decode(message.data, this.#subjects.open));
  }

  /** The latest stored open update, for a follower that joins between two updates. */
  async #deliverStoredOpen(): Promise<void> {
    const { jsm, names } = this.#context;
    try {
      const stored = await jsm.direct.getMessage(names.openStream, { last_by_subj: this.#subjects.open });
      if (stored && !this.#openSeen && !this.#stopped)
        this.#deliverOpen(this.#decode(stored.data, this.#subjects.open, stored.seq));
    } catch (error) {
      if (!this.#stopped) this.#report(asError(error));
    }
  }

  #deliverOpen(candle: Candle | undefined): void {
    if (!candle || candle.openTime <= this.#lastOpenTime) return;
    try {
      this.#listener.open(candle);
    } catch (error) {
      this.#report(asError(error));
    }
  }

  #decode(data: Uint8Array, subject: string, seq?: number): Candle | undefined {
    try {
      return decodeCandle(data, this.#subjects.key, subject, seq);
    } catch (error) {
      this.#report(asError(error));
      return undefined;
    }
  }

  async #stopConsumer(): Promise<void> {
    const messages = this.#messages;
    const consumer = this.#consumer;
    this.#messages = undefined;
    this.#consumer = undefined;
    if (messages) await messages.close().catch(() => undefined);
    consumer?.delete().catch(() => undefined);
  }

  #sleep(ms: number): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(this.#pause?.timer);
        this.#pause = undefined;
        resolve();
      };
      this.#pause = { timer: setTimeout(wake, ms), wake };
    });
  }

  #report(error: Error): void {
    if (this.#stopped) return;
    const reported = new Error(`follow(${this.#subjects.key}): ${error.message}`, { cause: error });
    try {
      this.#listener.error?.(reported);
    } catch {
      // a listener that throws from its error hook has nowhere further to report to
    }
  }
}
