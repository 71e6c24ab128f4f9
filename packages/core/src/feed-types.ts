import type { Candle, ExchangeId, MarketType } from './candle';
import type { Clock } from './clock';
import type { OhlcvError } from './errors';
import type { Interval } from './interval';
import type { Logger } from './logger';
import type { StreamId } from './stream-key';
import type { Endpoint, HttpRequest, HttpResponse, SymbolInfo, VenueAdapter } from './venue-adapter';

/** What a consumer of a stream receives. */
export type FeedEvent =
  /** `source` says whether the candle came live or from REST (gap fill, history). `receivedAt` = local time its frame/response arrived. */
  | { type: 'candle'; stream: string; candle: Candle; source: 'live' | 'rest'; receivedAt: number }
  /** The stream produced nothing for `silentMs`, past its stall timeout (also while its connection is down); recovery steps follow. */
  | { type: 'stalled'; stream: string; silentMs: number }
  /** A stalled stream delivers again. */
  | { type: 'recovered'; stream: string }
  /** Closed candles in [from, to] (open times) could not be had from the venue, e.g. beyond its REST history. */
  | { type: 'gap'; stream: string; from: number; to: number; reason: string }
  /** Terminal: the stream failed (rejected symbol, unsupported interval, consumer overflow, …). */
  | { type: 'error'; stream: string; error: OhlcvError };

export interface SubscribeOptions {
  /** Deliver only closed candles. */
  closedOnly?: boolean;
  /** Closed candles a consumer may fall behind before it is told (`error` with ConsumerOverflowError). Default 10,000. */
  bufferSize?: number;
  /** First deliver the last N closed candles (from the stream's cache, else REST), then live, with no gap or duplicate between. */
  history?: number;
  /** Push-style consumption: called synchronously for every event instead of (or besides) iterating. */
  onEvent?: (event: FeedEvent) => void;
}

export interface Subscription extends AsyncIterable<FeedEvent> {
  /** Canonical stream key with the native symbol, e.g. `binance:spot:BTCUSDT:1m`. */
  readonly stream: string;
  /** Resolves once the venue delivers (or acks) the stream; rejects with the stream's terminal error. */
  readonly ready: Promise<void>;
  /** Leave the stream; the last consumer leaving unsubscribes upstream. */
  close(): void;
}

/** Injectable HTTP transport; the default uses undici. */
export interface HttpClient {
  request(
    request: HttpRequest,
    options?: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<HttpResponse>;
}

export interface HistoryQuery {
  exchange: ExchangeId;
  market: MarketType;
  symbol: string;
  interval: Interval;
  /** Open time, inclusive. */
  from: number;
  /** Open time, exclusive. */
  to: number;
  includeOpen?: boolean;
}

/** Everything the engine does, reported as it happens. All methods optional; keep them cheap. */
export interface FeedObserver {
  connectionOpened?(info: ConnectionInfo): void;
  /** Once per `connectionOpened`, however the socket ends (the venue, a recycle, a deliberate close by the feed). */
  connectionClosed?(info: ConnectionInfo & { code: number; reason: string; willReconnect: boolean }): void;
  reconnectScheduled?(info: ConnectionInfo & { attempt: number; delayMs: number }): void;
  /** A connection recycled on purpose (inactivity, a stall, its maximum age, the venue's request). */
  connectionRecycled?(info: ConnectionInfo & { reason: string }): void;
  frameReceived?(exchange: ExchangeId, market: MarketType, bytes: number): void;
  candleReceived?(stream: string, candle: Candle): void;
  candleEmitted?(stream: string, candle: Candle, source: 'live' | 'rest', receivedAt: number): void;
  duplicateDropped?(stream: string, candle: Candle): void;
  gapFilled?(stream: string, info: { from: number; to: number; candles: number }): void;
  restRequest?(info: {
    exchange: ExchangeId;
    market: MarketType;
    url: string;
    status: number;
    durationMs: number;
  }): void;
  streamSubscribed?(stream: string): void;
  streamUnsubscribed?(stream: string): void;
  /** A stream silent past its stall timeout: first re-subscribed, then its connection recycled (before `streamStalled`). */
  streamSilent?(stream: string, info: { silentMs: number; action: 'resubscribe' | 'recycle' }): void;
  streamStalled?(stream: string, silentMs: number): void;
  streamRecovered?(stream: string): void;
  streamFailed?(stream: string, error: OhlcvError): void;
  /** Closed candles in [from, to] the venue could not provide (also sent to consumers as a `gap` event). */
  gapReported?(stream: string, info: { from: number; to: number; reason: string }): void;
  /** A REST request failed and is asked again after `delayMs`. */
  restRetry?(info: {
    exchange: ExchangeId;
    market: MarketType;
    url: string;
    attempt: number;
    delayMs: number;
    error: unknown;
  }): void;
  /** Something failed that the engine works around; `during` says what (e.g. `close check over REST failed`). */
  error?(info: {
    exchange?: ExchangeId;
    market?: MarketType;
    stream?: string;
    error: unknown;
    during?: string;
  }): void;
  /** Anything else worth a log line: a rejected request being isolated, a history range starting later than asked. */
  notice?(info: EngineNotice): void;
}

export interface EngineNotice {
  level: 'info' | 'warn';
  message: string;
  exchange?: ExchangeId;
  market?: MarketType;
  stream?: string;
  fields?: Record<string, unknown>;
}

export interface ConnectionInfo {
  exchange: ExchangeId;
  market: MarketType;
  connectionId: number;
  url: string;
}

export interface FeedOptions {
  adapters: readonly VenueAdapter[];
  /**
   * Base-URL overrides per venue and market. When omitted, they are read from the process environment
   * (`OHLCV_<EXCHANGE>_<MARKET>_WS_URL` / `_REST_URL`, as {@link endpointOverridesFromEnv} reads them), so a
   * program written against the real venues can be pointed at a testnet, a proxy or a simulator without a
   * change; pass `{}` to ignore the environment.
   */
  endpoints?: Partial<Record<ExchangeId, Partial<Record<MarketType, Partial<Endpoint>>>>>;
  /** Use the venues' testnet endpoints where they have one. */
  testnet?: boolean;
  clock?: Clock;
  /** Random source for jitter, [0, 1). */
  random?: () => number;
  http?: HttpClient;
  observer?: FeedObserver;
  /** Where the engine's log lines go (a pino logger or alike): it is one more observer ({@link loggingObserver}). */
  logger?: Logger;
  /** Override every market's stall timeout, at every interval (tests, impatient canaries). */
  stallTimeoutMs?: number;
  /** Backoff for reconnects and REST retries. */
  backoff?: { initialMs?: number; maxMs?: number; stableAfterMs?: number };
  /** Keep an upstream subscription this long after its last consumer left (a quick re-subscribe reuses it). @default 0 */
  lingerMs?: number;
  /** Rollover venues: how long after a quiet candle's end REST is asked whether it is final, unless the spec says. @default 5_000 */
  closeGraceMs?: number;
  /** Timeout of one REST request. @default 10_000 */
  restTimeoutMs?: number;
  /**
   * Hold the Node process open while any subscription is open (one ref'd handle), so a script whose
   * only work is iterating a subscription survives an outage. The engine's timers alone never do.
   * @default true
   */
  keepProcessAlive?: boolean;
  /** REST pages `history()` keeps in flight at once (the rate limit paces them). @default 4 */
  historyConcurrency?: number;
}

/** Snapshot for health/readiness. */
export interface FeedStatus {
  venues: Array<{
    exchange: ExchangeId;
    market: MarketType;
    connections: number;
    openConnections: number;
    streams: number;
    stalledStreams: string[];
    lastMessageAt: number | undefined;
    reconnects: number;
    circuit: 'closed' | 'open' | 'half-open';
  }>;
  streams: Array<{ stream: string; consumers: number; lastUpdateAt: number | undefined; stalled: boolean }>;
}

export interface Feed {
  subscribe(stream: StreamId | string, options?: SubscribeOptions): Subscription;
  /** Closed candles with open time in [from, to), paged over REST in order, no gap, no duplicate. */
  history(
    query: HistoryQuery,
    options?: { onPage?: (candles: Candle[]) => void; signal?: AbortSignal },
  ): Promise<Candle[]>;
  /**
   * The same candles as {@link Feed.history}, page by page as they arrive, in order, with
   * back-pressure: memory stays bounded whatever the range (at most `historyConcurrency` pages are
   * fetched ahead of the consumer). Breaking out of the loop stops the download.
   */
  historyPages(query: HistoryQuery, options?: { signal?: AbortSignal }): AsyncIterable<Candle[]>;
  /** The venue market's instruments (cached). */
  symbols(exchange: ExchangeId, market: MarketType): Promise<SymbolInfo[]>;
  /** Native symbol for user input (native or unified), checked against the instrument list. */
  resolveSymbol(exchange: ExchangeId, market: MarketType, input: string): Promise<string>;
  status(): FeedStatus;
  close(): Promise<void>;
}
