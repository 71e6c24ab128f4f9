import type { RestPriority } from './background-lane';
import type { BackoffOptions } from './backoff';
import type { Candle } from './candle';
import type { Clock, TimerHandle } from './clock';
import type { Consumer } from './consumer';
import type { OhlcvError } from './errors';
import type { FeedEvent, FeedObserver } from './feed-types';
import { fillGap, type GapFillContext } from './gap-fill';
import { HistoryFetches } from './history-fetches';
import { alignOpenTime, intervalMs, nextOpenTime } from './interval';
import type { Logger } from './logger';
import { type CandleSource, StreamSequencer } from './sequencer';
import { StallLadder, type StallLadderHost } from './stall-ladder';
import type { StreamId } from './stream-key';
import type { MarketSpec, StreamRef } from './venue-adapter';
import type { VenueConnection } from './venue-connection';
import { historyDepthOf } from './venue-spec';

/** What a stream needs from its venue market. */
export interface StreamHost {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly observer: FeedObserver | undefined;
  readonly signal: AbortSignal;
  readonly spec: MarketSpec;
  readonly stallTimeoutMs: number;
  readonly closeGraceMs: number;
  readonly backoff: Omit<BackoffOptions, 'now' | 'random'> | undefined;
  readonly random: (() => number) | undefined;
  /** Closed-or-not candles with open times in [from, to] over REST (paged, retried). */
  fetchCandles(
    stream: StreamRef,
    from: number,
    to: number,
    options?: { signal?: AbortSignal; priority?: RestPriority },
  ): Promise<Candle[]>;
  /** When the venue market's REST circuit allows its next trial, if it is open. */
  circuitRetryAt(): number | undefined;
  resubscribe(state: StreamState): void;
  /** The stream went silent past its stall timeout (re-validate its symbol). */
  onStalled(state: StreamState): void;
  recycle(state: StreamState): void;
  /** The last consumer left. */
  onEmpty(state: StreamState): void;
}

/** Checks of a quiet candle once it must have ended, before it is left to the next candle to close. */
const CLOSE_ATTEMPTS_AFTER_DEADLINE = 5;

/**
 * One upstream stream: its sequencer, its consumers, stall detection and recovery, gap fill, the
 * rollover close check and history joins.
 */
export class StreamState {
  readonly key: string;
  readonly id: StreamId;
  readonly ref: StreamRef;
  /** The venue's stream name (topic/arg). */
  readonly name: string;
  readonly consumers: Consumer[] = [];
  /** Consumers that want open updates (not `closedOnly`): none, and an open update allocates no event. */
  #updateConsumers = 0;
  readonly sequencer: StreamSequencer;
  connection: VenueConnection | undefined;
  lastUpdateAt: number | undefined;
  ready = false;
  closed = false;
  readonly #host: StreamHost;
  readonly #gapContext: GapFillContext;
  #receivedAt = 0;
  readonly #rollover: boolean;
  #restReceivedAt = 0;
  readonly #stall: StallLadder;
  /** History joins' REST fetches: shared, cancelled when nobody waits, behind gap fill. */
  readonly #history: HistoryFetches;
  #closeTimer: TimerHandle | undefined;
  #closeTimerFor: number | undefined;
  /** Local time by which the candle being checked has surely ended (first seen + length + grace). */
  #closeDeadline = 0;
  #closeAttemptsLate = 0;
  /** Consumers waiting for the stream's first candle to know where their history ends. */
  readonly #pendingJoins: Consumer[] = [];
  /** A gap before this open time was already reported for the venue's history depth. */
  #depthGapBefore: number | undefined;
  lingerTimer: TimerHandle | undefined;

  constructor(host: StreamHost, id: StreamId, key: string, name: string) {
    this.#host = host;
    this.id = id;
    this.key = key;
    this.name = name;
    this.ref = { symbol: id.symbol, interval: id.interval };
    this.#gapContext = this.#gapFillContext();
    this.#history = new HistoryFetches((from, to, signal) =>
      host.fetchCandles(this.ref, from, to, { signal, priority: 'background' }),
    );
    this.#rollover = host.spec.candles.closeDetection === 'rollover';
    const spec = host.spec;
    this.sequencer = new StreamSequencer({
      interval: id.interval,
      emptyIntervals: spec.candles.emptyIntervals,
      emit: this.#emit,
      requestGap: this.#requestGap,
      dropped: this.#dropped,
      gap: this.#gap,
    });
    this.#stall = new StallLadder(this.#stallHost());
  }

  get stalled(): boolean {
    return this.#stall.stalled;
  }

  /** Hot path: a live candle routed to this stream. */
  onLive(candle: Candle, receivedAt: number): void {
    this.#receivedAt = receivedAt;
    const stall = this.#stall;
    stall.lastLiveAt = receivedAt;
    if (stall.active) stall.onData();
    if (!this.ready) this.markReady();
    this.#host.observer?.candleReceived?.(this.key, candle);
    this.sequencer.onLive(candle);
    if (this.#rollover && !candle.closed && this.#closeTimerFor !== candle.openTime) {
      this.#armCloseCheck(candle, receivedAt);
    }
  }

  markReady(): void {
    if (this.ready) return;
    this.ready = true;
    for (const consumer of this.consumers) consumer.markReady();
  }

  attach(consumer: Consumer): void {
    this.consumers.push(consumer);
    if (!consumer.closedOnly) this.#updateConsumers += 1;
    if (this.ready) consumer.markReady();
    if (consumer.history > 0) this.#beginJoin(consumer);
  }

  detach(consumer: Consumer): void {
    const index = this.consumers.indexOf(consumer);
    if (index < 0) return;
    this.consumers.splice(index, 1);
    if (!consumer.closedOnly) this.#updateConsumers -= 1;
    const pending = this.#pendingJoins.indexOf(consumer);
    if (pending >= 0) this.#pendingJoins.splice(pending, 1);
    this.#history.leave(consumer);
    if (this.consumers.length === 0) this.#host.onEmpty(this);
  }

  /** The connection (re)opened and subscribes this stream (its silence goes on counting). */
  onSubscribing(): void {
    this.#stall.onSubscribing();
  }

  /** Terminal failure: every consumer gets the error; the stream is gone. */
  fail(error: OhlcvError): void {
    if (this.closed) return;
    this.#host.observer?.streamFailed?.(this.key, error);
    this.#host.logger.warn({ stream: this.key, error: error.message }, 'stream failed');
    const consumers = this.consumers.splice(0);
    this.dispose();
    for (const consumer of consumers) consumer.fail(error);
  }

  /** Stops every timer; consumers are the caller's business. */
  dispose(): void {
    this.closed = true;
    this.#stall.dispose();
    this.#host.clock.clearTimeout(this.#closeTimer);
    this.#host.clock.clearTimeout(this.lingerTimer);
    this.#closeTimer = undefined;
    this.lingerTimer = undefined;
    this.#pendingJoins.length = 0;
    this.#history.dispose();
  }

  #deliver(event: FeedEvent): void {
    const consumers = this.consumers;
    for (let index = consumers.length - 1; index >= 0; index--) consumers[index]?.deliver(event);
  }

  readonly #emit = (candle: Candle, source: CandleSource): void => {
    const receivedAt = source === 'live' ? this.#receivedAt : this.#restReceivedAt;
    this.lastUpdateAt = receivedAt;
    this.#host.observer?.candleEmitted?.(this.key, candle, source, receivedAt);
    if (this.#pendingJoins.length > 0) this.#startPendingJoins(candle.openTime);
    if (!candle.closed && this.#updateConsumers === 0) return;
    this.#deliver({ type: 'candle', stream: this.key, candle, source, receivedAt });
  };

  readonly #dropped = (candle: Candle): void => {
    this.#host.observer?.duplicateDropped?.(this.key, candle);
  };

  readonly #gap = (from: number, to: number, reason: string): void => {
    if (this.#depthGapBefore !== undefined && to < this.#depthGapBefore) return;
    this.#reportGap(from, to, reason);
  };

  #reportGap(from: number, to: number, reason: string): void {
    this.#host.logger.warn(
      { stream: this.key, from: new Date(from).toISOString(), to: new Date(to).toISOString(), reason },
      'candles missing',
    );
    this.#host.observer?.gapReported?.(this.key, { from, to, reason });
    this.#deliver({ type: 'gap', stream: this.key, from, to, reason });
  }

  readonly #requestGap = (from: number, to: number): void => {
    void this.#fillGap(from, to);
  };

  async #fillGap(from: number, to: number): Promise<void> {
    // Leave the sequencer's call stack first.
    await Promise.resolve();
    const outcome = await fillGap(this.#gapContext, from, to);
    if (outcome.kind === 'cancelled' || this.closed) return;
    if (outcome.kind === 'unavailable') {
      this.sequencer.onBackfillFailed(from, to, outcome.reason);
      return;
    }
    if (outcome.depthReason !== undefined && outcome.servedFrom > from) {
      this.#depthGapBefore = outcome.servedFrom;
      this.#reportGap(from, outcome.servedFrom - intervalMs(this.id.interval), outcome.depthReason);
    }
    this.#restReceivedAt = this.#host.clock.now();
    const used = outcome.rows.filter(
      (row) => row.closed && row.openTime >= from && row.openTime <= to,
    ).length;
    this.sequencer.onBackfill(from, to, outcome.rows);
    this.#host.observer?.gapFilled?.(this.key, { from, to, candles: used });
  }

  #gapFillContext(): GapFillContext {
    return {
      clock: this.#host.clock,
      signal: this.#host.signal,
      interval: this.id.interval,
      venueName: `${this.id.exchange} ${this.id.market}`,
      backoff: this.#host.backoff,
      random: this.#host.random,
      historyDepth: historyDepthOf(this.#host.spec, this.id.interval),
      emptyIntervals: this.#host.spec.candles.emptyIntervals,
      isCancelled: () => this.closed,
      newestSeen: () => this.sequencer.currentOpen?.openTime ?? 0,
      circuitRetryAt: () => this.#host.circuitRetryAt(),
      fetch: (from, to) => this.#host.fetchCandles(this.ref, from, to),
      onError: (error) =>
        this.#host.observer?.error?.({
          exchange: this.id.exchange,
          market: this.id.market,
          stream: this.key,
          error,
        }),
    };
  }

  // --- history joins ---

  #beginJoin(consumer: Consumer): void {
    consumer.beginJoin();
    const expected = this.sequencer.expectedNext();
    if (expected === undefined) {
      this.#pendingJoins.push(consumer);
      return;
    }
    void this.#join(consumer, expected);
  }

  #startPendingJoins(openTime: number): void {
    const joins = this.#pendingJoins.splice(0);
    const boundary = this.sequencer.expectedNext() ?? openTime;
    for (const consumer of joins) void this.#join(consumer, Math.min(boundary, openTime));
  }

  /** Delivers the last `consumer.history` closed candles opening before `boundary`, then what was held. */
  async #join(consumer: Consumer, boundary: number): Promise<void> {
    const count = consumer.history;
    const { interval } = this.id;
    const ring = this.sequencer.recent(count).filter((candle) => candle.openTime < boundary);
    let history: Candle[] = ring;
    if (ring.length < count) {
      const oldestWanted = boundary - count * intervalMs(interval);
      const before = ring[0]?.openTime ?? boundary;
      try {
        const rows = await this.#history.get(alignOpenTime(interval, oldestWanted), before - 1, consumer);
        const fetched = rows.filter(
          (row) => row.openTime < before && (row.closed || nextOpenTime(interval, row.openTime) <= boundary),
        );
        history = [...fetched.map((row) => (row.closed ? row : { ...row, closed: true })), ...ring].slice(
          -count,
        );
      } catch (error) {
        if (consumer.ended || this.closed) return;
        this.#host.logger.warn(
          { stream: this.key, error: String(error) },
          'history for a new consumer unavailable',
        );
        consumer.deliver({
          type: 'gap',
          stream: this.key,
          from: alignOpenTime(interval, oldestWanted),
          to: before - intervalMs(interval),
          reason: `history unavailable: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    if (consumer.ended || this.closed) return;
    consumer.completeJoin(history, this.#host.clock.now());
  }

  // --- stall detection ---

  #stallHost(): StallLadderHost {
    const host = this.#host;
    return {
      clock: host.clock,
      stallTimeoutMs: host.stallTimeoutMs,
      random: host.random,
      isConnected: () => this.connection?.isOpen === true,
      resubscribe: () => host.resubscribe(this),
      recycle: () => host.recycle(this),
      acted: (action, silentMs) =>
        host.logger.warn(
          { stream: this.key, silentMs },
          action === 'resubscribe'
            ? 'stream silent; re-subscribing'
            : 'stream still silent; recycling its connection',
        ),
      stalled: (silentMs) => {
        host.logger.warn({ stream: this.key, silentMs }, 'stream stalled');
        host.observer?.streamStalled?.(this.key, silentMs);
        this.#deliver({ type: 'stalled', stream: this.key, silentMs });
        host.onStalled(this);
      },
      recovered: () => {
        host.logger.info({ stream: this.key }, 'stream recovered');
        host.observer?.streamRecovered?.(this.key);
        this.#deliver({ type: 'recovered', stream: this.key });
      },
    };
  }

  // --- rollover close check ---

  /**
   * Rollover venues: the open candle is closed by the next one starting. A quiet stream may see no
   * next candle for a long time, so once the candle must have ended REST is asked whether it is
   * final; only REST's answer (a later row, or a row the venue's clock says is over) closes it.
   *
   * When to ask is judged by the local clock, where the venue gives nothing else: at its close time
   * plus the grace (exact when the local clock agrees with the venue's), and at the latest its length
   * plus the grace after it was first seen open (which holds whatever the local clock's offset).
   * An early answer "not final" is asked again, with growing waits, up to that latest time and a
   * few times beyond.
   */
  #armCloseCheck(candle: Candle, receivedAt: number): void {
    const clock = this.#host.clock;
    clock.clearTimeout(this.#closeTimer);
    this.#closeTimerFor = candle.openTime;
    const grace = this.#host.closeGraceMs;
    const end = nextOpenTime(this.id.interval, candle.openTime);
    this.#closeDeadline = receivedAt + (end - candle.openTime) + grace;
    this.#closeAttemptsLate = 0;
    const byCloseTime = end + grace - clock.now();
    const delayMs = Math.max(0, Math.min(this.#closeDeadline - clock.now(), byCloseTime));
    this.#closeTimer = clock.setTimeout(() => void this.#checkClose(candle.openTime, 0), delayMs);
  }

  async #checkClose(openTime: number, attempt: number): Promise<void> {
    this.#closeTimer = undefined;
    if (this.closed || this.sequencer.currentOpen?.openTime !== openTime) return;
    if (this.sequencer.pendingGap === undefined) {
      const next = nextOpenTime(this.id.interval, openTime);
      try {
        const rows = await this.#host.fetchCandles(this.ref, openTime, next);
        if (this.closed || this.sequencer.currentOpen?.openTime !== openTime) return;
        const row = rows.find((candidate) => candidate.openTime === openTime);
        const later = rows.some((candidate) => candidate.openTime > openTime);
        if (row && (row.closed || later) && this.sequencer.pendingGap === undefined) {
          this.#restReceivedAt = this.#host.clock.now();
          this.sequencer.closeOpenCandle({ ...row, closed: true }, 'rest');
          return;
        }
      } catch (error) {
        if (this.closed || this.#host.signal.aborted) return;
        this.#host.logger.warn({ stream: this.key, error: String(error) }, 'close check over REST failed');
      }
    }
    this.#scheduleCloseRetry(openTime, attempt + 1);
  }

  /** Asks again: waits grow from the grace; past the latest time the candle can end, a few attempts more. */
  #scheduleCloseRetry(openTime: number, attempt: number): void {
    if (this.closed || this.#closeTimerFor !== openTime) return;
    const clock = this.#host.clock;
    const now = clock.now();
    const deadline = this.#closeDeadline;
    if (now >= deadline && this.#closeAttemptsLate >= CLOSE_ATTEMPTS_AFTER_DEADLINE) return;
    if (now >= deadline) this.#closeAttemptsLate += 1;
    else this.#closeAttemptsLate = 0;
    const grace = Math.max(1, this.#host.closeGraceMs);
    let delayMs = grace * 2 ** Math.min(attempt - 1, 6);
    if (now < deadline) delayMs = Math.min(delayMs, deadline - now);
    this.#closeTimer = clock.setTimeout(() => void this.#checkClose(openTime, attempt), delayMs);
  }
}
