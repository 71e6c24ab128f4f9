import type { RestPriority } from './background-lane';
import type { BackoffOptions } from './backoff';
import type { Candle, MarketType } from './candle';
import { fetchCandlePages } from './candle-pages';
import type { Clock } from './clock';
import type { ConnectionHandler } from './connection-handler';
import { ConnectionPool, type VenueUsage } from './connection-pool';
import type { Consumer } from './consumer';
import type { EngineContext } from './engine-context';
import { OhlcvError, SymbolRejectedError } from './errors';
import type { FeedObserver, FeedStatus, HttpClient } from './feed-types';
import { InstrumentCache } from './instruments';
import { waitForInstruments } from './instruments-wait';
import type { Interval } from './interval';
import { ListingCheck } from './listing-check';
import { resolveSymbol } from './resolve-symbol';
import { RestClient } from './rest-client';
import { stallTimeoutFor } from './stall-timeout';
import type { StreamHost, StreamView } from './stream-host';
import { type StreamId, streamKey } from './stream-key';
import { StreamRoutes } from './stream-routes';
import { StreamState } from './stream-state';
import type { Endpoint, InstrumentIndex, MarketSpec, StreamRef, VenueAdapter } from './venue-adapter';
import type { VenueConnection } from './venue-connection';
import { venueMarketStatus } from './venue-market-status';

export interface VenueMarketOptions {
  adapter: VenueAdapter;
  market: MarketType;
  spec: MarketSpec;
  endpoint: Endpoint;
  context: EngineContext;
  http: HttpClient;
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
  readonly observer: FeedObserver | undefined;
  readonly signal: AbortSignal;
  readonly closeGraceMs: number;
  readonly backoff: Omit<BackoffOptions, 'now' | 'random'> | undefined;
  readonly random: (() => number) | undefined;
  readonly rest: RestClient;
  readonly instrumentCache: InstrumentCache;
  readonly pool: ConnectionPool;
  readonly streams = new Map<string, StreamState>();
  /** Hot-path routing without building a key per candle: symbol → interval → stream. */
  readonly #routes = new StreamRoutes<StreamState>();
  readonly lingerMs: number;
  readonly #listing: ListingCheck;
  /** The feed's `stallTimeoutMs`: every stream's, at every interval. */
  readonly #stallTimeoutOverride: number | undefined;
  readonly #context: EngineContext;

  constructor(options: VenueMarketOptions) {
    this.adapter = options.adapter;
    this.market = options.market;
    this.spec = options.spec;
    this.endpoint = options.endpoint;
    const { context } = options;
    this.#context = context;
    this.clock = context.clock;
    this.observer = context.observer;
    this.signal = context.signal;
    this.#stallTimeoutOverride = options.stallTimeoutMs;
    this.closeGraceMs = options.spec.candles.closeGraceMs ?? options.closeGraceMs;
    this.backoff = context.backoff;
    this.random = context.random;
    this.lingerMs = options.lingerMs;
    this.rest = new RestClient({
      adapter: options.adapter,
      market: options.market,
      spec: options.spec,
      http: options.http,
      clock: context.clock,
      ...(context.observer ? { observer: context.observer } : {}),
      ...(context.random ? { random: context.random } : {}),
      ...(context.backoff ? { backoff: context.backoff } : {}),
      ...(options.restTimeoutMs === undefined ? {} : { timeoutMs: options.restTimeoutMs }),
      ...(options.endpoint.restHeaders ? { headers: options.endpoint.restHeaders } : {}),
    });
    this.instrumentCache = new InstrumentCache({
      adapter: options.adapter,
      market: options.market,
      restBase: options.endpoint.rest,
      rest: this.rest,
      signal: context.signal,
    });
    this.#listing = new ListingCheck({
      clock: context.clock,
      refresh: () => this.instrumentCache.refresh(),
      symbols: () => this.#routes.symbols(),
      delisted: (symbol, why) => this.#delisted(symbol, why),
      failed: (error) =>
        this.observer?.error?.({
          exchange: this.adapter.id,
          market: this.market,
          error,
          during: 'instrument list refresh failed',
        }),
    });
    this.pool = new ConnectionPool({
      adapter: options.adapter,
      market: options.market,
      spec: options.spec,
      wsBase: options.endpoint.ws,
      context,
      usage: options.usage,
      handler: this,
      nextConnectionId: options.nextConnectionId,
    });
  }

  /** Resolves the symbol, then attaches the consumer to its stream (creating the upstream subscription). */
  async open(consumer: Consumer, id: StreamId): Promise<void> {
    try {
      const index = await waitForInstruments({
        cache: this.instrumentCache,
        context: this.#context,
        exchange: this.adapter.id,
        market: this.market,
        circuitRetryAt: () => this.rest.breaker.retryAt,
        gaveUp: () => consumer.ended,
      });
      if (index === undefined || consumer.ended) return;
      const symbol = resolveSymbol(this.adapter, this.market, id.symbol, index);
      const canonical: StreamId = { ...id, symbol };
      const key = streamKey(canonical);
      consumer.setStream(key);
      const attached = this.streams.get(key) ?? this.#createStream(canonical, key);
      consumer.onLeave = (leaving) => attached.detach(leaving);
      attached.attach(consumer);
    } catch (error) {
      consumer.fail(toOhlcvError(error));
    }
  }

  #createStream(id: StreamId, key: string): StreamState {
    const ref: StreamRef = { symbol: id.symbol, interval: id.interval };
    const name = this.adapter.streamName(this.market, ref);
    const connection = this.pool.acquire(name, ref);
    const state = new StreamState(this, id, key, name, connection);
    this.streams.set(key, state);
    this.#routes.add(id.symbol, id.interval, state);
    this.observer?.streamSubscribed?.(key);
    return state;
  }

  #route(symbol: string, interval: Interval): StreamState | undefined {
    return this.#routes.get(symbol, interval);
  }

  teardown(state: StreamState): void {
    state.dispose();
    this.#unlink(state);
  }

  /** The stream leaves the routes, its connection and the feed's streams (a new subscribe starts afresh). */
  #unlink(state: StreamState): void {
    if (this.streams.get(state.key) !== state) return;
    this.streams.delete(state.key);
    this.#routes.remove(state.id.symbol, state.id.interval);
    this.pool.release(state.name, state.connection);
    this.observer?.streamUnsubscribed?.(state.key);
  }

  // --- ConnectionHandler ---

  onCandle(candle: Candle, receivedAt: number): void {
    const state = this.#routes.get(candle.symbol, candle.interval);
    if (state !== undefined) state.onLive(candle, receivedAt);
  }

  onAcked(streams: readonly StreamRef[]): void {
    for (const stream of streams) this.#route(stream.symbol, stream.interval)?.markReady();
  }

  onRejected(streams: readonly StreamRef[], message: string, code: string | undefined): void {
    for (const stream of streams) {
      const state = this.#route(stream.symbol, stream.interval);
      if (!state) continue;
      this.#reject(state, code ? `${message} (code ${code})` : message);
    }
  }

  /**
   * A stream the venue refuses (or no longer lists) fails alone, with the venue's word, and goes: it
   * stops listening now, and fails once a gap fill in flight has delivered (StreamState.fail).
   */
  #reject(state: StreamState, venueMessage: string): void {
    this.#unlink(state);
    state.fail(
      new SymbolRejectedError({
        exchange: this.adapter.id,
        market: this.market,
        symbol: state.id.symbol,
        venueMessage,
      }),
    );
  }

  /** A connection died before delivering anything, again: a subscribed symbol may be gone. */
  onUnstable(connection: VenueConnection): void {
    void this.#listing.request(`connection ${connection.id} keeps closing right after it subscribes`);
  }

  #delisted(symbol: string, why: string): void {
    for (const state of this.#routes.ofSymbol(symbol)) {
      this.#reject(state, `no longer in the venue's instrument list (delisted?), checked because ${why}`);
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

  stallTimeoutFor(interval: Interval): number {
    const { candles } = this.spec;
    return (
      this.#stallTimeoutOverride ??
      stallTimeoutFor(candles.stallTimeoutMs, interval, candles, this.closeGraceMs)
    );
  }

  circuitRetryAt(): number | undefined {
    return this.rest.breaker.retryAt;
  }

  onStalled(stream: StreamView): void {
    void this.#listing.request(`stream ${stream.key} went silent`);
  }

  resubscribe(stream: StreamView): void {
    this.streams.get(stream.key)?.connection.resubscribe(stream.name);
  }

  recycle(stream: StreamView): void {
    this.streams.get(stream.key)?.connection.recycle(`stream ${stream.key} silent`);
  }

  onAbandoned(stream: StreamView): void {
    const state = this.streams.get(stream.key);
    if (state !== undefined) this.teardown(state);
  }

  // --- status and shutdown ---

  status(): { venue: FeedStatus['venues'][number]; streams: FeedStatus['streams'] } {
    return venueMarketStatus(
      this.adapter.id,
      this.market,
      this.pool.connections,
      this.streams.values(),
      this.rest.breaker.state,
    );
  }

  async close(): Promise<void> {
    for (const state of [...this.streams.values()]) state.end();
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
