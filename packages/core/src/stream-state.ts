import type { Candle } from './candle';
import type { TimerHandle } from './clock';
import type { Consumer } from './consumer';
import type { OhlcvError } from './errors';
import type { FeedEvent } from './feed-types';
import { HistoryJoins } from './history-joins';
import { QuietCloseCheck } from './quiet-close';
import { type CandleSource, type SequencerSink, StreamSequencer } from './sequencer';
import { StallLadder } from './stall-ladder';
import { type DrainingStream, StreamFailDrain } from './stream-fail-drain';
import { StreamGapFill } from './stream-gap-fill';
import type { StreamHost } from './stream-host';
import type { StreamId } from './stream-key';
import { StreamStall } from './stream-stall';
import type { StreamRef } from './venue-adapter';
import type { VenueConnection } from './venue-connection';

export type { StreamHost } from './stream-host';

/**
 * One upstream stream: its sequencer and its consumers (fan-out), with one part per concern, each
 * the only owner of its state: {@link StallLadder} (silence), {@link StreamGapFill} (the
 * sequencer's REST requests), {@link QuietCloseCheck} (rollover venues' quiet candles) and
 * {@link HistoryJoins} (consumers subscribing with `history`). The parts an idle stream does not
 * need are made when first needed.
 */
export class StreamState implements SequencerSink, DrainingStream {
  readonly key: string;
  readonly id: StreamId;
  readonly ref: StreamRef;
  readonly name: string;
  readonly host: StreamHost;
  readonly connection: VenueConnection;
  readonly consumers: Consumer[] = [];
  readonly sequencer: StreamSequencer;
  /** Consumers that want open updates (not `closedOnly`): none, and an open update allocates no event. */
  #updateConsumers = 0;
  #ready = false;
  #closed = false;
  #lastUpdateAt: number | undefined;
  #receivedAt = 0;
  readonly #stall: StallLadder;
  #gapFill: StreamGapFill | undefined;
  #quietClose: QuietCloseCheck | undefined;
  #joins: HistoryJoins | undefined;
  /** Failing, waiting for the gap fill in flight to deliver first. */
  #failDrain: StreamFailDrain | undefined;
  #lingerTimer: TimerHandle | undefined;

  constructor(host: StreamHost, id: StreamId, key: string, name: string, connection: VenueConnection) {
    this.host = host;
    this.id = id;
    this.key = key;
    this.name = name;
    this.connection = connection;
    this.ref = { symbol: id.symbol, interval: id.interval };
    this.sequencer = new StreamSequencer(
      { interval: id.interval, emptyIntervals: host.spec.candles.emptyIntervals },
      this,
    );
    this.#stall = new StallLadder(new StreamStall(this));
  }

  get ready(): boolean {
    return this.#ready;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get connected(): boolean {
    return this.connection.isOpen;
  }

  get stalled(): boolean {
    return this.#stall.stalled;
  }

  /** When the last candle was emitted to consumers (live arrival or REST answer). */
  get lastUpdateAt(): number | undefined {
    return this.#lastUpdateAt;
  }

  /** Hot path: a live candle routed to this stream. */
  onLive(candle: Candle, receivedAt: number): void {
    this.#receivedAt = receivedAt;
    const stall = this.#stall;
    stall.lastLiveAt = receivedAt;
    if (stall.active) stall.onData();
    if (!this.#ready) this.markReady();
    this.host.observer?.candleReceived?.(this.key, candle);
    this.sequencer.onLive(candle);
    if (!candle.closed && this.host.spec.candles.closeDetection === 'rollover' && !this.#closed) {
      this.#quietClose ??= new QuietCloseCheck(this);
      this.#quietClose.onOpen(candle, receivedAt);
    }
  }

  markReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    for (const consumer of this.consumers) consumer.markReady();
  }

  attach(consumer: Consumer): void {
    this.#stopLinger();
    this.consumers.push(consumer);
    if (!consumer.closedOnly) this.#updateConsumers += 1;
    if (this.#ready) consumer.markReady();
    if (consumer.history > 0) {
      this.#joins ??= new HistoryJoins(this);
      this.#joins.begin(consumer);
    }
  }

  detach(consumer: Consumer): void {
    const index = this.consumers.indexOf(consumer);
    if (index < 0) return;
    this.consumers.splice(index, 1);
    if (!consumer.closedOnly) this.#updateConsumers -= 1;
    this.#joins?.leave(consumer);
    if (this.consumers.length === 0) this.#linger();
  }

  /** The connection (re)opened and subscribes this stream (its silence goes on counting). */
  onSubscribing(): void {
    this.#stall.onSubscribing();
  }

  /**
   * Terminal failure: every consumer gets the error; the stream is gone. With a gap fill in flight,
   * what it brings is delivered first ({@link StreamFailDrain}); the stream stops listening now.
   */
  fail(error: OhlcvError): void {
    if (this.#closed || this.#failDrain !== undefined) return;
    if (this.sequencer.pendingGap === undefined) {
      this.failNow(error);
      return;
    }
    this.#stall.dispose();
    this.#quietClose?.dispose();
    this.#failDrain = new StreamFailDrain(this, error);
  }

  /** A gap fill's answer was applied to the sequencer. */
  gapSettled(): void {
    this.#failDrain?.gapSettled();
  }

  failNow(error: OhlcvError): void {
    if (this.#closed) return;
    this.host.observer?.streamFailed?.(this.key, error);
    const consumers = this.consumers.splice(0);
    this.dispose();
    for (const consumer of consumers) consumer.fail(error);
  }

  /** The feed closes: every consumer ends (no error), the stream is gone. */
  end(): void {
    const consumers = this.consumers.splice(0);
    this.dispose();
    for (const consumer of consumers) consumer.end();
  }

  /** Stops every timer and part; consumers are the caller's business. */
  dispose(): void {
    this.#closed = true;
    this.#failDrain?.dispose();
    this.#stall.dispose();
    this.#quietClose?.dispose();
    this.#joins?.dispose();
    this.#stopLinger();
  }

  // --- reports (StreamView) ---

  reportGap(from: number, to: number, reason: string): void {
    this.host.observer?.gapReported?.(this.key, { from, to, reason });
    this.#deliver({ type: 'gap', stream: this.key, from, to, reason });
  }

  reportStalled(silentMs: number): void {
    this.host.observer?.streamStalled?.(this.key, silentMs);
    this.#deliver({ type: 'stalled', stream: this.key, silentMs });
    this.host.onStalled(this);
  }

  reportRecovered(): void {
    this.host.observer?.streamRecovered?.(this.key);
    this.#deliver({ type: 'recovered', stream: this.key });
  }

  // --- the sequencer's sink (SequencerSink) ---

  /** Hot path: a candle in order, to every consumer; an open update nobody wants allocates nothing. */
  emit(candle: Candle, source: CandleSource): void {
    // A REST answer is handled as it arrives: now is when it was received.
    const receivedAt = source === 'live' ? this.#receivedAt : this.host.clock.now();
    this.#lastUpdateAt = receivedAt;
    this.host.observer?.candleEmitted?.(this.key, candle, source, receivedAt);
    if (this.#joins?.waiting === true) this.#joins.onEmitted(candle.openTime);
    if (!candle.closed && this.#updateConsumers === 0) return;
    this.#deliver({ type: 'candle', stream: this.key, candle, source, receivedAt });
  }

  requestGap(from: number, to: number): void {
    this.#gapFill ??= new StreamGapFill(this);
    this.#gapFill.request(from, to);
  }

  dropped(candle: Candle): void {
    this.host.observer?.duplicateDropped?.(this.key, candle);
  }

  gap(from: number, to: number, reason: string): void {
    if (this.#gapFill?.reportedAlready(to) === true) return;
    this.reportGap(from, to, reason);
  }

  #deliver(event: FeedEvent): void {
    const consumers = this.consumers;
    for (let index = consumers.length - 1; index >= 0; index--) consumers[index]?.deliver(event);
  }

  // --- linger ---

  /** The last consumer left: the stream lingers (a consumer coming back keeps it), then goes. */
  #linger(): void {
    if (this.#closed) return;
    const lingerMs = this.host.lingerMs;
    if (lingerMs <= 0) {
      this.host.onAbandoned(this);
      return;
    }
    this.#lingerTimer = this.host.clock.setTimeout(() => {
      this.#lingerTimer = undefined;
      if (this.consumers.length === 0) this.host.onAbandoned(this);
    }, lingerMs);
  }

  #stopLinger(): void {
    if (this.#lingerTimer === undefined) return;
    this.host.clock.clearTimeout(this.#lingerTimer);
    this.#lingerTimer = undefined;
  }
}
