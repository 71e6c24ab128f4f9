/**
 * Per-connection subscriptions and the kline push schedule of every subscribed stream.
 *
 * How a venue simulator uses it:
 *   const registry = new StreamRegistry({ clock, generator, faults, cadenceMs, encode, send, malformed });
 *   registry.subscribe(connection, 'btcusdt@kline_1m', { symbol: 'BTCUSDT', interval: '1m' }); // live
 *   registry.subscribe(connection, 'nope@kline_1m', undefined);   // acked but silent (unknown symbol)
 *   registry.unsubscribe(connection, topic); registry.removeConnection(connection) on close;
 *   subscriptionCount() → VenueSimulator.subscriptionCount.
 * While a stream has subscribers it is pushed at `cadenceMs(stream)` virtual ms (aligned to multiples of
 * the cadence) and at every candle boundary: at a boundary the closed candle's final push (`final: true`)
 * goes first, then an open update of the new candle, so each candle gets at least one open update and
 * exactly one final push. `encode(push)` runs once per push; `send(connection, topic, encoded, push)` once
 * per subscriber. Faults (silence, stall, skip, delisted, duplicate, reorder, malformed, truncated,
 * garbage and oversized frames) are applied here.
 */
import { alignOpenTime, nextOpenTime } from '@ohlcv/core';
import type { CandleGenerator, CandleState } from './candle-generator';
import { type FaultState, type StreamRef, streamRefKey } from './faults';
import { mangleFrame } from './mangle-frame';
import type { FrameMangle } from './rest-faults';
import type { SimConnection } from './sim-server';
import type { ScheduledEvent, SimulatorClock } from './virtual-clock';

export interface KlinePush {
  stream: StreamRef;
  /** `streamRefKey(stream)`. */
  key: string;
  /** The candle as of `eventTime` (final when `final`). */
  state: CandleState;
  final: boolean;
  /** Virtual ms of the push. */
  eventTime: number;
}

export interface StreamRegistryOptions<Encoded> {
  clock: SimulatorClock;
  generator: CandleGenerator;
  faults: FaultState;
  /** Virtual ms between open-candle updates of a stream (the venue cadence, or coarser). */
  cadenceMs(stream: StreamRef): number;
  /** Serializes a push once for all subscribers. */
  encode(push: KlinePush): Encoded;
  /** Sends an encoded push on one connection, under the topic that connection subscribed with. */
  send(connection: SimConnection, topic: string, encoded: Encoded, push: KlinePush): void;
  /** A malformed frame (bad JSON or wrong shape) for the `malformedFrames` fault; `index` counts them. */
  malformed(push: KlinePush, index: number): string;
}

class ActiveStream {
  readonly subscribers = new Map<SimConnection, string>();
  openTime = 0;
  event: ScheduledEvent | undefined;
  held: KlinePush | undefined;
  constructor(
    readonly stream: StreamRef,
    readonly key: string,
  ) {}
}

export class StreamRegistry<Encoded> {
  /** connection → topic → stream key (undefined: acked but silent). Insertion ordered. */
  private readonly byConnection = new Map<SimConnection, Map<string, string | undefined>>();
  private readonly active = new Map<string, ActiveStream>();
  private malformedIndex = 0;

  constructor(private readonly options: StreamRegistryOptions<Encoded>) {}

  /** Adds a topic to a connection; `stream` undefined keeps it silent. False if already subscribed. */
  subscribe(connection: SimConnection, topic: string, stream: StreamRef | undefined): boolean {
    let topics = this.byConnection.get(connection);
    if (!topics) {
      topics = new Map();
      this.byConnection.set(connection, topics);
    }
    if (topics.has(topic)) return false;
    const key = stream ? streamRefKey(stream) : undefined;
    topics.set(topic, key);
    if (stream && key) {
      let active = this.active.get(key);
      if (!active) {
        active = new ActiveStream({ symbol: stream.symbol, interval: stream.interval }, key);
        this.active.set(key, active);
        this.start(active);
      }
      active.subscribers.set(connection, topic);
    }
    return true;
  }

  /** Removes a topic from a connection. False if it was not subscribed. */
  unsubscribe(connection: SimConnection, topic: string): boolean {
    const topics = this.byConnection.get(connection);
    if (!topics?.has(topic)) return false;
    const key = topics.get(topic);
    topics.delete(topic);
    if (key !== undefined) this.leave(connection, key);
    return true;
  }

  /** Drops every subscription of a connection (call on close). */
  removeConnection(connection: SimConnection): void {
    const topics = this.byConnection.get(connection);
    if (!topics) return;
    this.byConnection.delete(connection);
    for (const key of topics.values()) if (key !== undefined) this.leave(connection, key);
  }

  /** Topics of one connection, in subscription order. */
  topics(connection: SimConnection): string[] {
    return [...(this.byConnection.get(connection)?.keys() ?? [])];
  }

  /** Subscribed topics across all connections (silent ones included). */
  subscriptionCount(): number {
    let count = 0;
    for (const topics of this.byConnection.values()) count += topics.size;
    return count;
  }

  /** The current state of a stream as a push (e.g. for venues that send a snapshot on subscribe). */
  snapshot(stream: StreamRef): KlinePush | undefined {
    const now = this.options.clock.now();
    const openTime = alignOpenTime(stream.interval, now);
    const state = this.options.generator.stateAt(stream.symbol, stream.interval, openTime, now);
    return state ? { stream, key: streamRefKey(stream), state, final: false, eventTime: now } : undefined;
  }

  private leave(connection: SimConnection, key: string): void {
    const active = this.active.get(key);
    if (!active) return;
    active.subscribers.delete(connection);
    if (active.subscribers.size === 0) {
      active.event?.cancel();
      this.active.delete(key);
    }
  }

  private start(active: ActiveStream): void {
    const now = this.options.clock.now();
    active.openTime = alignOpenTime(active.stream.interval, now);
    this.scheduleNext(active, now);
  }

  private scheduleNext(active: ActiveStream, now: number): void {
    const cadence = Math.max(1, this.options.cadenceMs(active.stream));
    const nextTick = (Math.floor(now / cadence) + 1) * cadence;
    const boundary = nextOpenTime(active.stream.interval, active.openTime);
    const at = Math.min(nextTick, boundary);
    active.event = this.options.clock.schedule(at, () => this.fire(active, at));
  }

  private fire(active: ActiveStream, at: number): void {
    if (this.active.get(active.key) !== active) return;
    const { generator } = this.options;
    const { symbol, interval } = active.stream;
    if (at >= nextOpenTime(interval, active.openTime)) {
      const final = generator.final(symbol, interval, active.openTime);
      if (final)
        this.emit(active, {
          stream: active.stream,
          key: active.key,
          state: final,
          final: true,
          eventTime: at,
        });
      active.openTime = alignOpenTime(interval, at);
    }
    const state = generator.stateAt(symbol, interval, active.openTime, at);
    if (state)
      this.emit(active, { stream: active.stream, key: active.key, state, final: false, eventTime: at });
    this.scheduleNext(active, at);
  }

  private emit(active: ActiveStream, push: KlinePush): void {
    const { faults } = this.options;
    if (faults.silenced || faults.isStalled(active.key) || faults.takeSkip(active.key)) return;
    if (faults.isDelisted(active.stream.symbol)) return;
    if (faults.takeMalformed()) {
      const frame = this.options.malformed(push, this.malformedIndex++);
      for (const connection of active.subscribers.keys()) connection.send(frame);
    }
    const held = active.held;
    if (held) {
      active.held = undefined;
      this.deliver(active, push);
      this.deliver(active, held);
      return;
    }
    const mangle = faults.takeMangle();
    if (mangle !== undefined) {
      this.deliverMangled(active, push, mangle);
      return;
    }
    if (faults.takeReorder()) {
      active.held = push;
      return;
    }
    this.deliver(active, push);
    if (faults.takeDuplicate()) this.deliver(active, push);
  }

  /** The push spoiled on the wire: truncated or garbage instead of it, or padded far over any normal size. */
  private deliverMangled(active: ActiveStream, push: KlinePush, mangle: FrameMangle): void {
    const encoded = this.options.encode(push);
    if (typeof encoded !== 'string') return;
    const frame = mangleFrame(encoded, mangle, push.eventTime);
    if (mangle === 'oversize') {
      for (const [connection, topic] of active.subscribers)
        this.options.send(connection, topic, frame as Encoded, push);
      return;
    }
    for (const connection of active.subscribers.keys()) connection.send(frame);
  }

  private deliver(active: ActiveStream, push: KlinePush): void {
    const encoded = this.options.encode(push);
    for (const [connection, topic] of active.subscribers) this.options.send(connection, topic, encoded, push);
  }
}
