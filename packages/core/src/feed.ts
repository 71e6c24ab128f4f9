import type { Candle, ExchangeId, MarketType } from './candle';
import { candlePageStream } from './candle-pages';
import { systemClock } from './clock';
import type { VenueUsage } from './connection-pool';
import { Consumer } from './consumer';
import { endpointOverridesFromEnv, resolveEndpoint, validateBaseUrl } from './endpoints';
import type { EngineContext } from './engine-context';
import { OhlcvError, UnsupportedIntervalError, UnsupportedMarketError } from './errors';
import type {
  Feed,
  FeedOptions,
  FeedStatus,
  HistoryQuery,
  SubscribeOptions,
  Subscription,
} from './feed-types';
import { createHttpClient } from './http-client';
import { alignOpenTime, type Interval, intervalMs, nextOpenTime, parseInterval } from './interval';
import { KeepAlive } from './keep-alive';
import { combineObservers, loggingObserver } from './logging-observer';
import { parseExchangeId, parseMarketType } from './market';
import { resolveSymbol } from './resolve-symbol';
import { parseStreamKey, type StreamId, streamKey } from './stream-key';
import type { SymbolInfo } from './venue-adapter';
import { toOhlcvError, VenueMarket } from './venue-market';
import { createVenueRegistry, type VenueRegistry } from './venue-registry';
import { historyDepthOf } from './venue-spec';

/** Creates the feed engine over the given venue adapters. Validates the options, opens nothing yet. */
export function createFeed(options: FeedOptions): Feed {
  return new FeedEngine(options);
}

class FeedEngine implements Feed {
  readonly #options: FeedOptions;
  readonly #adapters: VenueRegistry;
  readonly #venues = new Map<string, VenueMarket>();
  readonly #usage = new Map<ExchangeId, VenueUsage>();
  readonly #abort = new AbortController();
  readonly #http;
  readonly #keepAlive: KeepAlive;
  /** What every venue market, stream and connection of this feed shares. */
  readonly #context: EngineContext;
  #connectionIds = 0;
  #closed = false;

  constructor(given: FeedOptions) {
    const env = globalThis.process?.env;
    const options =
      given.endpoints === undefined && env ? { ...given, endpoints: endpointOverridesFromEnv(env) } : given;
    this.#options = options;
    this.#context = {
      clock: options.clock ?? systemClock,
      random: options.random,
      backoff: options.backoff,
      signal: this.#abort.signal,
      observer: combineObservers(options.logger && loggingObserver(options.logger), options.observer),
    };
    if (!Array.isArray(options.adapters) || options.adapters.length === 0) {
      throw new OhlcvError('createFeed needs at least one venue adapter in options.adapters', {
        code: 'config',
      });
    }
    this.#adapters = createVenueRegistry(options.adapters);
    for (const [exchange, markets] of Object.entries(options.endpoints ?? {})) {
      for (const [market, endpoint] of Object.entries(markets ?? {})) {
        if (endpoint?.ws) validateBaseUrl(endpoint.ws, 'ws', `endpoints.${exchange}.${market}.ws`);
        if (endpoint?.rest) validateBaseUrl(endpoint.rest, 'rest', `endpoints.${exchange}.${market}.rest`);
      }
    }
    for (const [name, value] of [
      ['stallTimeoutMs', options.stallTimeoutMs],
      ['lingerMs', options.lingerMs],
      ['closeGraceMs', options.closeGraceMs],
    ] as const) {
      if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
        throw new OhlcvError(`createFeed option ${name} must be a number >= 0, got ${value}`, {
          code: 'config',
        });
      }
    }
    this.#keepAlive = new KeepAlive(options.keepProcessAlive !== false);
    this.#http =
      options.http ??
      createHttpClient(options.restTimeoutMs === undefined ? {} : { timeoutMs: options.restTimeoutMs });
  }

  subscribe(input: StreamId | string, options: SubscribeOptions = {}): Subscription {
    const raw =
      typeof input === 'string'
        ? input
        : `${input.exchange}:${input.market}:${input.symbol}:${input.interval}`;
    const consumer = new Consumer(raw, options, this.#keepAlive.hold());
    let venue: VenueMarket;
    let id: StreamId;
    try {
      if (this.#closed) throw new OhlcvError('the feed is closed', { code: 'closed' });
      const parsed = typeof input === 'string' ? parseStreamKey(input) : input;
      const market = parseMarketType(parsed.market);
      venue = this.#venue(parseExchangeId(parsed.exchange), market);
      const interval = this.#checkInterval(venue, parsed.interval);
      id = { exchange: venue.adapter.id, market, symbol: parsed.symbol, interval };
      let native = parsed.symbol;
      try {
        native = venue.adapter.normalizeSymbol(market, parsed.symbol);
      } catch {
        // Resolution against the instruments names the symbol in its error.
      }
      consumer.setStream(streamKey({ ...id, symbol: native }));
    } catch (error) {
      const failure = toOhlcvError(error);
      queueMicrotask(() => consumer.fail(failure));
      return consumer;
    }
    void venue.open(consumer, id);
    return consumer;
  }

  async history(
    query: HistoryQuery,
    options: { onPage?: (candles: Candle[]) => void; signal?: AbortSignal } = {},
  ): Promise<Candle[]> {
    const rows: Candle[] = [];
    for await (const page of this.historyPages(query, options)) {
      for (const candle of page) rows.push(candle);
      options.onPage?.(page);
    }
    return rows;
  }

  async *historyPages(query: HistoryQuery, options: { signal?: AbortSignal } = {}): AsyncGenerator<Candle[]> {
    this.#assertOpen();
    const venue = this.#venue(parseExchangeId(query.exchange), parseMarketType(query.market));
    const interval = this.#checkInterval(venue, query.interval);
    const { from, to } = query;
    if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) {
      throw new OhlcvError(
        `history range [${from}, ${to}) is empty or not numbers: expected from < to (ms since epoch)`,
        { code: 'config' },
      );
    }
    const instruments = await venue.instrumentCache.get();
    const symbol = resolveSymbol(venue.adapter, venue.market, query.symbol, instruments);
    let first = alignOpenTime(interval, from);
    if (first < from) first = nextOpenTime(interval, first);
    const last = alignOpenTime(interval, to - 1);
    if (first > last) return;
    const signal = options.signal
      ? AbortSignal.any([this.#abort.signal, options.signal])
      : this.#abort.signal;
    const { spec } = venue;
    const includeOpen = query.includeOpen === true;
    const where = `${venue.adapter.id}:${venue.market}:${symbol}:${interval}`;
    let checked = false;
    const checkStart = (page: Candle[]): void => {
      if (checked || page.length === 0) return;
      checked = true;
      const firstAvailable = (page[0] as Candle).openTime;
      const missing = firstAvailable > first;
      if (!missing) return;
      // A venue that keeps only its last N candles: a start older than N candles before now cannot
      // be served, whatever the venue returned. (The local clock only estimates the venue's here;
      // the horizon is N intervals, far beyond any clock skew.)
      const depth = historyDepthOf(spec, interval);
      const clock = this.#context.clock;
      const beyondDepth = depth !== undefined && first < clock.now() - depth * intervalMs(interval);
      // Venues without candles for no-trade intervals may simply have had no trade at the start.
      const tolerated =
        !beyondDepth &&
        spec.candles.emptyIntervals === 'absent' &&
        firstAvailable - first < spec.rest.maxCandlesPerRequest * intervalMs(interval);
      if (tolerated) {
        this.#context.observer?.notice?.({
          level: 'warn',
          stream: where,
          fields: {
            from: new Date(first).toISOString(),
            firstCandle: new Date(firstAvailable).toISOString(),
          },
          message: `history of ${where}: the first candle in range opens at ${new Date(firstAvailable).toISOString()}, later than the start (${new Date(first).toISOString()}): the venue has no candle for intervals without trades`,
        });
      } else {
        throw new OhlcvError(
          `history of ${where} from ${new Date(first).toISOString()} is unavailable: the venue's first available candle opens at ${new Date(firstAvailable).toISOString()}${depth === undefined ? '' : ` (it keeps ${depth} candles)`}`,
          { code: 'history_unavailable' },
        );
      }
    };
    const keep = (candle: Candle, isLast: boolean): boolean =>
      candle.openTime >= from && candle.openTime < to && (candle.closed || (includeOpen && isLast));
    const pages = candlePageStream({
      adapter: venue.adapter,
      market: venue.market,
      spec,
      restBase: venue.endpoint.rest,
      rest: venue.rest,
      symbol,
      interval,
      from: first,
      to: last,
      signal,
      instruments,
      concurrency: this.#options.historyConcurrency ?? 4,
    });
    for await (const page of pages) {
      checkStart(page);
      const lastCandle = page[page.length - 1];
      yield page.filter((candle) => keep(candle, candle === lastCandle && !candle.closed));
    }
  }

  async symbols(exchange: ExchangeId, market: MarketType): Promise<SymbolInfo[]> {
    this.#assertOpen();
    return this.#venue(parseExchangeId(exchange), parseMarketType(market)).instrumentCache.list();
  }

  async resolveSymbol(exchange: ExchangeId, market: MarketType, input: string): Promise<string> {
    this.#assertOpen();
    const venue = this.#venue(parseExchangeId(exchange), parseMarketType(market));
    return resolveSymbol(venue.adapter, venue.market, input, await venue.instrumentCache.get());
  }

  status(): FeedStatus {
    const status: FeedStatus = { venues: [], streams: [] };
    for (const venue of this.#venues.values()) {
      const part = venue.status();
      status.venues.push(part.venue);
      status.streams.push(...part.streams);
    }
    return status;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#abort.abort(new OhlcvError('the feed is closed', { code: 'closed' }));
    await Promise.all([...this.#venues.values()].map((venue) => venue.close()));
  }

  #assertOpen(): void {
    if (this.#closed) throw new OhlcvError('the feed is closed', { code: 'closed' });
  }

  #checkInterval(venue: VenueMarket, interval: string): Interval {
    const parsed = parseInterval(interval);
    if (venue.spec.intervals[parsed] === undefined) {
      throw new UnsupportedIntervalError(
        interval,
        Object.keys(venue.spec.intervals),
        `${venue.adapter.id} ${venue.market}`,
      );
    }
    return parsed;
  }

  #venue(name: ExchangeId, market: MarketType): VenueMarket {
    const adapter = this.#adapters.get(name);
    if (!adapter) {
      throw new OhlcvError(
        `no adapter for exchange "${name}": pass @ohlcv/exchange-${name}'s adapter in createFeed({ adapters }) (this feed has ${this.#adapters.describe()})`,
        {
          code: 'unknown_exchange',
        },
      );
    }
    const exchange = adapter.id;
    const key = `${exchange}:${market}`;
    const existing = this.#venues.get(key);
    if (existing) return existing;
    const spec = adapter.markets[market];
    if (!spec) throw new UnsupportedMarketError(exchange, market, adapter.unsupportedMarkets?.[market]);
    const options = this.#options;
    let usage = this.#usage.get(exchange);
    if (!usage) {
      usage = { connections: 0, subscriptions: 0 };
      this.#usage.set(exchange, usage);
    }
    const venue = new VenueMarket({
      adapter,
      market,
      spec,
      endpoint: resolveEndpoint(exchange, market, spec, {
        ...(options.endpoints ? { endpoints: options.endpoints } : {}),
        ...(options.testnet ? { testnet: true } : {}),
        ...(adapter.aliases ? { aliases: adapter.aliases } : {}),
      }),
      context: this.#context,
      http: this.#http,
      usage,
      stallTimeoutMs: options.stallTimeoutMs,
      closeGraceMs: options.closeGraceMs ?? 5_000,
      lingerMs: options.lingerMs ?? 0,
      restTimeoutMs: options.restTimeoutMs,
      nextConnectionId: () => ++this.#connectionIds,
    });
    this.#venues.set(key, venue);
    return venue;
  }
}
