import { randomUUID } from 'node:crypto';
import {
  type Candle,
  type CandleBus,
  createVenueRegistry,
  type ExchangeId,
  type Feed,
  type FeedStatus,
  type HistoryQuery,
  type Logger,
  type MarketType,
  OhlcvError,
  parseStreamKey,
  type StreamId,
  type SubscribeOptions,
  type Subscription,
  type SymbolInfo,
  silentLogger,
  streamKey,
  UnsupportedMarketError,
  type VenueAdapter,
  type VenueRegistry,
} from '@ohlcv/core';
import { BusSubscription, FollowedStream } from './followed-stream';

export interface BusFeedOptions {
  bus: CandleBus;
  /** The venue adapters, for symbol normalization only (an edge opens no venue connection). */
  adapters: readonly VenueAdapter[];
  /** Identifies this edge's demand. Default a random id. */
  edgeId?: string;
  /** Demand time to live; renewed every third of it. Workers let a stream go this long (plus their linger) after the last edge stopped wanting it. @default 30_000 */
  demandTtlMs?: number;
  /** Closed candles the bus retains per stream: the largest history join. @default 1_000 */
  retention?: number;
  /**
   * Where symbols are checked against the venues' instrument lists (a core feed used for REST only:
   * it opens no WebSocket). Without it an edge only normalizes the spelling and cannot refuse a symbol
   * the venue does not list. Closed with the feed.
   */
  instruments?: Pick<Feed, 'resolveSymbol' | 'symbols' | 'close'>;
  /** Close the bus with the feed. @default false */
  ownsBus?: boolean;
  logger?: Logger;
  now?: () => number;
}

/**
 * A feed status that fails readiness while the bus is unreachable: every stream counts as stalled, and
 * a `bus <url>` entry says why (so `/ready` answers 503 even with nothing subscribed).
 */
export function withBusStatus(status: FeedStatus, bus: CandleBus): FeedStatus {
  if (bus.connected) return status;
  return {
    venues: status.venues,
    streams: [
      ...status.streams.map((stream) => ({ ...stream, stalled: true })),
      { stream: `bus ${bus.displayUrl}`, consumers: 0, lastUpdateAt: undefined, stalled: true },
    ],
  };
}

/**
 * The edge's view of the candle streams: a `Feed` whose streams come from the bus instead of the
 * venues. Subscribing announces demand (ingest workers pick the stream up) and follows the stream on
 * the bus; `history` joins read the bus's retained closed candles. Hand it to the fan-out server in
 * place of the engine.
 */
export class BusFeed implements Feed {
  readonly edgeId: string;
  readonly #bus: CandleBus;
  readonly #adapters: VenueRegistry;
  readonly #streams = new Map<string, FollowedStream>();
  readonly #demandTtlMs: number;
  readonly #retention: number;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #offStatus: () => void;
  readonly #ownsBus: boolean;
  readonly #instruments: BusFeedOptions['instruments'];
  #demandTimer: ReturnType<typeof setTimeout> | undefined;
  #announcing: Promise<void> | undefined;
  #closed = false;

  constructor(options: BusFeedOptions) {
    this.#bus = options.bus;
    this.#adapters = createVenueRegistry(options.adapters);
    this.edgeId = options.edgeId ?? `edge-${randomUUID().slice(0, 8)}`;
    this.#demandTtlMs = options.demandTtlMs ?? 30_000;
    this.#retention = options.retention ?? 1_000;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
    this.#ownsBus = options.ownsBus ?? false;
    this.#instruments = options.instruments;
    // A bus that restarted empty forgot the demand: announce again at once.
    this.#offStatus = this.#bus.onStatus((status) => {
      if (status.type === 'connected') void this.announce();
    });
    this.#scheduleDemand();
  }

  get busConnected(): boolean {
    return this.#bus.connected;
  }

  subscribe(input: StreamId | string, options: SubscribeOptions = {}): Subscription {
    if (this.#closed) throw new OhlcvError('the bus feed is closed', { code: 'closed' });
    const id = typeof input === 'string' ? parseStreamKey(input) : input;
    const key = streamKey({ ...id, symbol: this.#native(id) });
    let stream = this.#streams.get(key);
    const isNew = stream === undefined;
    if (stream === undefined) {
      stream = new FollowedStream(key, this.#bus, this.#logger, this.#now);
      this.#streams.set(key, stream);
    }
    const subscription = new BusSubscription(key, options, (leaving) => this.#leave(key, leaving));
    stream.add(subscription, Math.min(this.#retention, Math.max(0, Math.floor(options.history ?? 0))));
    if (isNew) void this.announce();
    return subscription;
  }

  /** Announces every followed stream as demanded now (the timer does this every third of the TTL). */
  announce(): Promise<void> {
    if (this.#announcing !== undefined || this.#closed) return this.#announcing ?? Promise.resolve();
    const keys = [...this.#streams.keys()];
    if (keys.length === 0) return Promise.resolve();
    this.#announcing = this.#bus.announceDemand(this.edgeId, keys, this.#demandTtlMs).then(
      () => {
        this.#announcing = undefined;
        // Streams added while announcing go out now.
        if (this.#streams.size !== keys.length) void this.announce();
      },
      (error: unknown) => {
        this.#announcing = undefined;
        this.#logger.warn({ err: String(error), streams: keys.length }, 'demand announcement failed');
      },
    );
    return this.#announcing;
  }

  async history(query: HistoryQuery): Promise<Candle[]> {
    const key = streamKey(query);
    const candles = await this.#bus.recentClosed(key, this.#retention);
    return candles.filter((candle) => candle.openTime >= query.from && candle.openTime < query.to);
  }

  /** {@link BusFeed.history} as one page (the bus retains at most `retention` candles per stream). */
  async *historyPages(query: HistoryQuery): AsyncGenerator<Candle[]> {
    yield await this.history(query);
  }

  async symbols(exchange: ExchangeId, market: MarketType): Promise<SymbolInfo[]> {
    if (this.#instruments) return this.#instruments.symbols(exchange, market);
    throw new OhlcvError(
      `instrument lists of ${exchange} ${market} are not available on an edge (it has no venue connection)`,
      { code: 'config' },
    );
  }

  /** The venue's native spelling, checked against its instrument list when `instruments` is given. */
  async resolveSymbol(exchange: ExchangeId, market: MarketType, input: string): Promise<string> {
    const native = this.#native({ exchange, market, symbol: input });
    return this.#instruments ? this.#instruments.resolveSymbol(exchange, market, input) : native;
  }

  #native({ exchange, market, symbol: input }: Pick<StreamId, 'exchange' | 'market' | 'symbol'>): string {
    const adapter = this.#adapters.get(exchange);
    if (adapter === undefined) {
      throw new OhlcvError(
        `exchange "${exchange}" is not served here: expected one of ${this.#adapters.describe()}`,
        { code: 'unknown_exchange' },
      );
    }
    if (adapter.markets[market] === undefined) throw new UnsupportedMarketError(exchange, market);
    const trimmed = input.trim();
    if (trimmed === '') throw new OhlcvError('empty symbol', { code: 'invalid_symbol' });
    return adapter.normalizeSymbol(market, trimmed);
  }

  /** Followed streams; every one counts as stalled (and /ready fails) while the bus is unreachable. */
  status(): FeedStatus {
    const streams = [...this.#streams.values()].map((stream) => ({
      stream: stream.key,
      consumers: stream.subscribers.size,
      lastUpdateAt: stream.lastUpdateAt,
      stalled: false,
    }));
    return withBusStatus({ venues: [], streams }, this.#bus);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#demandTimer);
    this.#offStatus();
    const streams = [...this.#streams.values()];
    this.#streams.clear();
    await Promise.all(streams.map((stream) => stream.close()));
    if (this.#ownsBus) await this.#bus.close();
    await this.#instruments?.close();
  }

  #leave(key: string, subscription: BusSubscription): void {
    const stream = this.#streams.get(key);
    if (stream === undefined) return;
    stream.subscribers.delete(subscription);
    if (stream.subscribers.size > 0) return;
    this.#streams.delete(key);
    void stream.close();
  }

  #scheduleDemand(): void {
    this.#demandTimer = setTimeout(
      () => {
        void this.announce().finally(() => {
          if (!this.#closed) this.#scheduleDemand();
        });
      },
      Math.max(1, Math.floor(this.#demandTtlMs / 3)),
    );
    this.#demandTimer.unref();
  }
}
