import type { Candle, Feed, FeedEvent, Logger, OhlcvError, Subscription } from '@ohlcv/core';
import { deferredCounterChild, type ServerMetrics } from '@ohlcv/health';
import { legacyQuoteMessage } from './protocol/legacy-messages';
import {
  candleMessagePrefix,
  errorMessage,
  gapMessage,
  recoveredMessage,
  stalledMessage,
} from './protocol/server-messages';
import type { ChannelClient, LegacyView, StreamMember } from './stream-member';

/** Where a candle came from: the venue's stream, or REST (history, gap fill). */
type CandleSource = 'live' | 'rest';

export interface ChannelContext {
  feed: Feed;
  logger: Logger;
  metrics: ServerMetrics;
  now: () => number;
  /** The channel ended (terminal error): the hub forgets it. */
  onFailed: (channel: StreamChannel) => void;
}

/** A member's state: written here only (the channel is its one owner). */
class Member implements StreamMember {
  readonly client: ChannelClient;
  readonly legacy: LegacyView | undefined;
  /** Closed candles opening at or before this were already delivered (by a history join). */
  after = Number.NEGATIVE_INFINITY;
  /** While a history join runs: the client's own engine subscription. */
  joining: Subscription | undefined = undefined;
  removed = false;
  muted = false;

  constructor(client: ChannelClient, legacy: LegacyView | undefined) {
    this.client = client;
    this.legacy = legacy;
  }
}

/**
 * One stream of the server: ONE engine subscription, fanned out to every member. Each candle is
 * serialized once and the same bytes go to every client; legacy quotes once per distinct view.
 */
export class StreamChannel {
  readonly key: string;
  readonly subscription: Subscription;
  /** Members receiving the fan-out (copy-on-write: a fan-out in progress keeps its array). */
  #members: readonly Member[] = [];
  /** Members, joining ones included: the upstream is released when this drops to 0. */
  #references = 0;
  #failed = false;
  readonly #context: ChannelContext;
  readonly #prefix: string;
  #lastCandle: Candle | undefined;
  #lastSource: CandleSource = 'live';
  #lastBytes: Buffer = Buffer.alloc(0);
  #legacyCandle: Candle | undefined;
  readonly #legacyBytes = new Map<string, string>();
  readonly #sentCandles;
  /** Members whose history join runs. */
  readonly #joiningMembers = new Set<Member>();

  constructor(key: string, context: ChannelContext) {
    this.key = key;
    this.#context = context;
    this.#prefix = candleMessagePrefix(key);
    this.#sentCandles = deferredCounterChild(context.metrics.messagesSent, 'candle');
    this.subscription = context.feed.subscribe(key, { onEvent: this.#onEvent });
  }

  /** Members, joining ones included: the upstream may be released when this is 0. */
  get references(): number {
    return this.#references;
  }

  /** The candle message, serialized once per candle; `source` says whether it came live or from REST. */
  bytesFor(candle: Candle, source: CandleSource = 'live'): Buffer {
    if (candle !== this.#lastCandle || source !== this.#lastSource) {
      this.#lastCandle = candle;
      this.#lastSource = source;
      this.#lastBytes = Buffer.from(`${this.#prefix}${JSON.stringify(candle)},"source":"${source}"}`);
    }
    return this.#lastBytes;
  }

  legacyBytesFor(candle: Candle, view: LegacyView): string {
    if (candle !== this.#legacyCandle) {
      this.#legacyCandle = candle;
      this.#legacyBytes.clear();
    }
    let text = this.#legacyBytes.get(view.tag);
    if (text === undefined) {
      text = legacyQuoteMessage(candle, view.exchange, view.contractType, view.symbol, this.#context.now());
      this.#legacyBytes.set(view.tag, text);
    }
    return text;
  }

  /**
   * Adds a member for `client`; with `history`, it first gets the last N closed candles through its
   * own engine subscription. The handle returned is what `mute` and `remove` take.
   */
  add(client: ChannelClient, legacy: LegacyView | undefined, history: number): StreamMember {
    const member = new Member(client, legacy);
    this.#references += 1;
    if (history <= 0) this.#members = [...this.#members, member];
    else this.#join(member, history);
    return member;
  }

  #join(member: Member, history: number): void {
    let switching = false;
    let lastClosed = Number.NEGATIVE_INFINITY;
    const complete = (): void => {
      const joining = member.joining;
      member.joining = undefined;
      this.#joiningMembers.delete(member);
      joining?.close();
      if (member.removed || this.#failed) return;
      member.after = lastClosed;
      this.#members = [...this.#members, member];
    };
    // Both subscriptions get every live event in the same synchronous dispatch once the engine has
    // delivered the history, so switching between two dispatches loses and repeats nothing.
    const onJoinEvent = (event: FeedEvent): void => {
      if (member.removed || member.muted || member.joining === undefined) return;
      if (event.type === 'error') {
        queueMicrotask(complete);
        return;
      }
      if (!switching) {
        switching = true;
        queueMicrotask(complete);
      }
      if (event.type === 'candle') {
        const candle = event.candle;
        if (candle.closed) {
          if (candle.openTime <= lastClosed) return;
          lastClosed = candle.openTime;
        }
        this.#deliver(member, candle, event.source);
        this.#sentCandles.inc();
        return;
      }
      member.client.outbox.sendText(this.#eventText(event));
    };
    this.#joiningMembers.add(member);
    member.joining = this.#context.feed.subscribe(this.key, { history, onEvent: onJoinEvent });
  }

  /** The member receives nothing more (it is removed soon after). */
  mute(handle: StreamMember): void {
    const member = this.#own(handle);
    if (member !== undefined) member.muted = true;
  }

  /** Removes the member; false when it was not one (any more): removed, failed, or another channel's. */
  remove(handle: StreamMember): boolean {
    const member = this.#own(handle);
    if (member === undefined) return false;
    member.removed = true;
    this.#references -= 1;
    const joining = member.joining;
    member.joining = undefined;
    this.#joiningMembers.delete(member);
    joining?.close();
    this.#members = this.#members.filter((entry) => entry !== member);
    return true;
  }

  #own(handle: StreamMember): Member | undefined {
    if (!(handle instanceof Member) || handle.removed) return undefined;
    return this.#joiningMembers.has(handle) || this.#members.includes(handle) ? handle : undefined;
  }

  close(): void {
    this.subscription.close();
    for (const member of this.#joiningMembers) member.joining?.close();
    this.#joiningMembers.clear();
  }

  #deliver(member: Member, candle: Candle, source: CandleSource): void {
    if (member.legacy === undefined) {
      member.client.outbox.sendCandle(this.bytesFor(candle, source), this, candle.closed, candle.openTime);
    } else {
      member.client.outbox.sendText(this.legacyBytesFor(candle, member.legacy));
      member.client.quoteSent();
    }
  }

  /** Hot path: one engine event for every member. */
  readonly #onEvent = (event: FeedEvent): void => {
    if (event.type === 'candle') {
      this.#fanOut(event.candle, event.source, event.receivedAt);
      return;
    }
    if (event.type === 'error') {
      this.#fail(event.error);
      return;
    }
    // Stalls, recoveries and gaps are logged once, by the engine where they happen; here they are only sent.
    const text = this.#eventText(event);
    for (const member of this.#members) {
      if (!member.removed && !member.muted && member.legacy === undefined)
        member.client.outbox.sendText(text);
    }
  };

  #fanOut(candle: Candle, source: CandleSource, receivedAt: number): void {
    const members = this.#members;
    const closed = candle.closed;
    const openTime = candle.openTime;
    let sent = 0;
    for (let index = 0; index < members.length; index += 1) {
      const member = members[index] as Member;
      if (member.removed || member.muted || (closed && openTime <= member.after)) continue;
      this.#deliver(member, candle, source);
      sent += 1;
    }
    if (sent > 0) {
      this.#sentCandles.inc(sent);
      this.#context.metrics.deliveryDelay.observe((this.#context.now() - receivedAt) / 1000);
    }
  }

  #eventText(event: Exclude<FeedEvent, { type: 'candle' }>): string {
    switch (event.type) {
      case 'stalled':
        return stalledMessage(this.key, event.silentMs);
      case 'recovered':
        return recoveredMessage(this.key);
      case 'gap':
        return gapMessage(this.key, event.from, event.to, event.reason);
      case 'error':
        return errorMessage(undefined, event.error.code, event.error.message, this.key);
    }
  }

  #fail(error: OhlcvError): void {
    if (this.#failed) return;
    this.#failed = true;
    // The engine logs the failure (warn, once); here only who was told.
    this.#context.logger.debug(
      { stream: this.key, code: error.code, clients: this.#members.length + this.#joiningMembers.size },
      'stream failure sent to its clients',
    );
    const text = errorMessage(
      undefined,
      error.code === 'symbol_rejected' ? 'unknown_symbol' : error.code,
      error.message,
      this.key,
    );
    const members = [...this.#members, ...this.#joiningMembers];
    this.#members = [];
    for (const member of this.#joiningMembers) {
      member.joining?.close();
      member.joining = undefined;
    }
    this.#joiningMembers.clear();
    for (const member of members) {
      if (member.removed) continue;
      member.removed = true;
      member.client.outbox.sendText(text);
      member.client.streamEnded(this.key);
    }
    this.#context.onFailed(this);
  }
}
