import type { RestPriority } from './background-lane';
import { Backoff, type BackoffOptions } from './backoff';
import type { Candle, MarketType } from './candle';
import { fetchCandlePages } from './candle-pages';
import type { Clock } from './clock';
import { ConnectionPool, type VenueUsage } from './connection-pool';
import type { Consumer } from './consumer';
import { OhlcvError, SymbolRejectedError } from './errors';
import type { FeedObserver, FeedStatus, HttpClient } from './feed-types';
import { isTransient } from './gap-fill';
import { InstrumentCache } from './instruments';
import type { Interval } from './interval';
import { ListingCheck } from './listing-check';
import type { Logger } from './logger';
import { resolveSymbol } from './resolve-symbol';
import { RestClient } from './rest-client';
import { sleep } from './sleep';
import { type StreamId, streamKey } from './stream-key';
import { type StreamHost, StreamState } from './stream-state';
import type { Endpoint, InstrumentIndex, MarketSpec, StreamRef, VenueAdapter } from './venue-adapter';
import type { ConnectionHandler, VenueConnection } from './venue-connection';

export interface VenueMarketOptions {
  adapter: VenueAdapter;
  market: MarketType;
  spec: MarketSpec;
  endpoint: Endpoint;
  clock: Clock;
  logger: Logger;
  observer: FeedObserver | undefined;
  http: HttpClient;
  random: (() => number) | undefined;
  backoff: Omit<BackoffOptions, 'now' | 'random'> | undefined;
  signal: AbortSignal;
  usage: VenueUsage;
  stallTimeoutMs: number | undefined;
  closeGraceMs: number;
  lingerMs: number;
  restTimeoutMs: number | undefined;
  nextConnectionId(): number;
}

/** Everything of one venue market: REST, instruments, connections, and its streams. */
export class VenueMarket implements StreamHost, Omit<ConnectionHandler, 'connectDelayMs'> {
  readonly adapter: VenueAdapter;
  readonly market: MarketType;
  readonly spec: MarketSpec;
  readonly endpoint: Endpoint;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly observer: FeedObserver | undefined;
  readonly signal: AbortSignal;
  readonly stallTimeoutMs: number;
  readonly closeGraceMs: number;
  readonly backoff: Omit<BackoffOptions, 'now' | 'random'> | undefined;
  readonly random: (() => number) | undefined;
  readonly rest: RestClient;
  readonly instrumentCache: InstrumentCache;
  readonly pool: ConnectionPool;
  readonly streams = new Map<string, StreamState>();
  /** Hot-path routing without building a key per candle: symbol → interval → stream. */
  readonly #routes = new Map<string, Map<Interval, StreamState>>();
  readonly #lingerMs: number;
  readonly #listing: ListingCheck;

  constructor(options: VenueMarketOptions) {
    this.adapter = options.adapter;
    this.market = options.market;
    this.spec = options.spec;
    this.endpoint = options.endpoint;
    this.clock = options.clock;
    this.logger = options.logger;
    this.observer = options.observer;
    this.signal = options.signal;
    this.stallTimeoutMs = options.stallTimeoutMs ?? options.spec.candles.stallTimeoutMs;
    this.closeGraceMs = options.spec.candles.closeGraceMs ?? options.closeGraceMs;
    this.backoff = options.backoff;
    this.random = options.random;
    this.#lingerMs = options.lingerMs;
    this.rest = new RestClient({
      adapter: options.adapter,
      market: options.market,
      spec: options.spec,
      http: options.http,
      clock: options.clock,
      logger: options.logger,
      ...(options.observer ? { observer: options.observer } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.restTimeoutMs === undefined ? {} : { timeoutMs: options.restTimeoutMs }),
      ...(options.endpoint.restHeaders ? { headers: options.endpoint.restHeaders } : {}),
    });
    this.instrumentCache = new InstrumentCache({
      adapter: options.adapter,
      market: options.market,
      restBase: options.endpoint.rest,
      rest: this.rest,
      signal: options.signal,
    });
    this.#listing = new ListingCheck({
      clock: options.clock,
      refresh: () => this.instrumentCache.refresh(),
      symbols: () => this.#routes.keys(),
      delisted: (symbol, why) => this.#delisted(symbol, why),
      failed: (error) =>
        this.logger.warn(
          { exchange: this.adapter.id, market: this.market, error: String(error) },
          'instrument list refresh failed',
        ),
    });
    this.pool = new ConnectionPool({
      adapter: options.adapter,
      market: options.market,
      spec: options.spec,
      wsBase: options.endpoint.ws,
      clock: options.clock,
      logger: options.logger,
      usage: options.usage,
      handler: this,
      nextConnectionId: options.nextConnectionId,
      ...(options.observer ? { observer: options.observer } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
    });
  }

  /** Resolves the symbol, then attaches the consumer to its stream (creating the upstream subscription). */
  async open(consumer: Consumer, id: StreamId): Promise<void> {
    try {
      const index = await this.#instruments(consumer);
      if (index === undefined || consumer.ended) return;
      const symbol = resolveSymbol(this.adapter, this.market, id.symbol, index);
      const canonical: StreamId = { ...id, symbol };
      const key = streamKey(canonical);
      consumer.setStream(key);
      let state = this.streams.get(key);
      if (state) {
        this.clock.clearTimeout(state.lingerTimer);
        state.lingerTimer = undefined;
      } else {
        state = this.#createStream(canonical, key);
      }
      const attached = state;
      consumer.onLeave = (leaving) => attached.detach(leaving);
      attached.attach(consumer);
    } catch (error) {
      consumer.fail(toOhlcvError(error));
    }
  }

  /**
   * The instrument list for a new subscription. A venue that cannot be reached (network, 429, 5xx,
   * an open circuit) is asked again with backoff while the consumer waits: an outage at start is
   * not a reason to fail the subscription. Undefined when the consumer left or the feed closed.
   */
  async #instruments(consumer: Consumer): Promise<InstrumentIndex | undefined> {
    let backoff: Backoff | undefined;
    for (;;) {
      try {
        return await this.instrumentCache.get();
      } catch (error) {
        if (!isTransient(error) || this.signal.aborted) throw error;
        if (consumer.ended) return undefined;
        backoff ??= new Backoff({
          ...this.backoff,
          now: this.clock.now,
          ...(this.random ? { random: this.random } : {}),
        });
        const delayMs = Math.max(backoff.next(), (this.rest.breaker.retryAt ?? 0) - this.clock.now());
        this.logger.warn(
          {
            exchange: this.adapter.id,
            market: this.market,
            delayMs: Math.round(delayMs),
            error: String(error),
          },
          'instrument list unavailable; asking again',
        );
        try {
          await sleep(this.clock, delayMs, this.signal);
        } catch {
          return undefined;
        }
        if (consumer.ended) return undefined;
      }
    }
  }

  #createStream(id: StreamId, key: string): StreamState {
    const ref: StreamRef = { symbol: id.symbol, interval: id.interval };
    const name = this.adapter.streamName(this.market, ref);
    const state = new StreamState(this, id, key, name);
    try {
      state.connection = this.pool.acquire(name, ref);
    } catch (error) {
      state.dispose();
      throw error;
    }
    this.streams.set(key, state);
    let byInterval = this.#routes.get(id.symbol);
    if (!byInterval) {
      byInterval = new Map();
      this.#routes.set(id.symbol, byInterval);
    }
    byInterval.set(id.interval, state);
    this.observer?.streamSubscribed?.(key);
    return state;
  }

  #route(symbol: string, interval: Interval): StreamState | undefined {
    return this.#routes.get(symbol)?.get(interval);
  }

  teardown(state: StreamState): void {
    state.dispose();
    if (this.streams.get(state.key) !== state) return;
    this.streams.delete(state.key);
    const byInterval = this.#routes.get(state.id.symbol);
    byInterval?.delete(state.id.interval);
    if (byInterval?.size === 0) this.#routes.delete(state.id.symbol);
    if (state.connection) this.pool.release(state.name, state.connection);
    this.observer?.streamUnsubscribed?.(state.key);
  }

  // --- ConnectionHandler ---

  onCandle(candle: Candle, receivedAt: number): void {
    const state = this.#routes.get(candle.symbol)?.get(candle.interval);
    if (state !== undefined) state.onLive(candle, receivedAt);
  }

  onAcked(streams: readonly StreamRef[]): void {
    for (const stream of streams) this.#route(stream.symbol, stream.interval)?.markReady();
  }

  onRejected(streams: readonly StreamRef[], message: string, code: string | undefined): void {
    for (const stream of streams) {
      const state = this.#route(stream.symbol, stream.interval);
      if (!state) continue;
      state.fail(
        new SymbolRejectedError({
          exchange: this.adapter.id,
          market: this.market,
          symbol: stream.symbol,
          venueMessage: code ? `${message} (code ${code})` : message,
        }),
      );
      this.teardown(state);
    }
  }

  /** A connection died before delivering anything, again: a subscribed symbol may be gone. */
  onUnstable(connection: VenueConnection): void {
    void this.#listing.request(`connection ${connection.id} keeps closing right after it subscribes`);
  }

  #delisted(symbol: string, why: string): void {
    const byInterval = this.#routes.get(symbol);
    if (!byInterval) return;
    for (const state of [...byInterval.values()]) {
      state.fail(
        new SymbolRejectedError({
          exchange: this.adapter.id,
          market: this.market,
          symbol,
          venueMessage: `no longer in the venue's instrument list (delisted?), checked because ${why}`,
        }),
      );
      this.teardown(state);
    }
  }

  onOpen(connection: VenueConnection): void {
    this.#forStreamsOf(connection, (state) => state.onSubscribing());
  }

  instruments(): InstrumentIndex | undefined {
    return this.instrumentCache.current;
  }

  #forStreamsOf(connection: VenueConnection, action: (state: StreamState) => void): void {
    for (const stream of connection.streams.values()) {
      const state = this.#route(stream.symbol, stream.interval);
      if (state) action(state);
    }
  }

  // --- StreamHost ---

  fetchCandles(
    stream: StreamRef,
    from: number,
    to: number,
    options: { signal?: AbortSignal; priority?: RestPriority } = {},
  ): Promise<Candle[]> {
    return fetchCandlePages({
      adapter: this.adapter,
      market: this.market,
      spec: this.spec,
      restBase: this.endpoint.rest,
      rest: this.rest,
      symbol: stream.symbol,
      interval: stream.interval,
      from,
      to,
      signal: options.signal ? AbortSignal.any([this.signal, options.signal]) : this.signal,
      instruments: this.instrumentCache.current,
      ...(options.priority ? { priority: options.priority } : {}),
    });
  }

  circuitRetryAt(): number | undefined {
    return this.rest.breaker.retryAt;
  }

  onStalled(state: StreamState): void {
    void this.#listing.request(`stream ${state.key} went silent`);
  }

  resubscribe(state: StreamState): void {
    state.connection?.resubscribe(state.name);
  }

  recycle(state: StreamState): void {
    state.connection?.recycle(`stream ${state.key} silent`);
  }

  onEmpty(state: StreamState): void {
    if (state.closed) return;
    if (this.#lingerMs <= 0) {
      this.teardown(state);
      return;
    }
    state.lingerTimer = this.clock.setTimeout(() => {
      state.lingerTimer = undefined;
      if (state.consumers.length === 0) this.teardown(state);
    }, this.#lingerMs);
  }

  // --- status and shutdown ---

  status(): { venue: FeedStatus['venues'][number]; streams: FeedStatus['streams'] } {
    const connections = this.pool.connections;
    let lastMessageAt: number | undefined;
    let reconnects = 0;
    for (const connection of connections) {
      reconnects += connection.reconnects;
      if (
        connection.lastMessageAt !== undefined &&
        (lastMessageAt === undefined || connection.lastMessageAt > lastMessageAt)
      ) {
        lastMessageAt = connection.lastMessageAt;
      }
    }
    const streams: FeedStatus['streams'] = [];
    const stalledStreams: string[] = [];
    for (const state of this.streams.values()) {
      if (state.stalled) stalledStreams.push(state.key);
      streams.push({
        stream: state.key,
        consumers: state.consumers.length,
        lastUpdateAt: state.lastUpdateAt,
        stalled: state.stalled,
      });
    }
    return {
      venue: {
        exchange: this.adapter.id,
        market: this.market,
        connections: connections.length,
        openConnections: connections.filter((connection) => connection.isOpen).length,
        streams: this.streams.size,
        stalledStreams,
        lastMessageAt,
        reconnects,
        circuit: this.rest.breaker.state,
      },
      streams,
    };
  }

  async close(): Promise<void> {
    for (const state of [...this.streams.values()]) {
      const consumers = state.consumers.splice(0);
      state.dispose();
      for (const consumer of consumers) consumer.end();
    }
    this.streams.clear();
    this.#routes.clear();
    await this.pool.close();
  }
}

export function toOhlcvError(error: unknown): OhlcvError {
  if (OhlcvError.isInstance(error)) return error;
  return new OhlcvError(error instanceof Error ? error.message : String(error), {
    code: 'venue_protocol',
    cause: error,
  });
}
