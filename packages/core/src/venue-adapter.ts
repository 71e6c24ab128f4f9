import type { Candle, ExchangeId, MarketType } from './candle';
import type { Interval } from './interval';

/**
 * The venue-adapter contract, version 2. Adapters are declarative and pure: they describe a venue
 * (data in {@link MarketSpec}) and translate messages. They open no sockets, start no timers and
 * never read the clock (the engine passes `now` where a frame or request needs it); everything
 * stateful lives once, in the feed engine. Changing this contract is a breaking change.
 *
 * v2 over v1: the adapter declares its display `name` and `aliases`; interval ids may differ per
 * channel ({@link VenueIntervalId}); `rest.historyDepth` may depend on the interval; `subscribe`,
 * `unsubscribe`, `candlesRequest` and a function heartbeat `frame` receive `now`.
 */
export const VENUE_ADAPTER_SPEC_VERSION = 'v2';

/** A venue's id for one of our intervals: the same on both channels, or spelled per channel. */
export type VenueIntervalId = string | { readonly ws: string; readonly rest: string };

/** Base URLs, scheme + host (+ port) only. The adapter appends the venue's own paths. */
export interface Endpoint {
  /** e.g. `wss://stream.binance.com:9443` */
  ws: string;
  /** e.g. `https://api.binance.com` */
  rest: string;
  /** Headers every REST request of this environment carries (OKX demo: `x-simulated-trading: 1`). */
  restHeaders?: Record<string, string>;
}

/** One stream on one venue market, as the adapter sees it. `symbol` is the venue's native symbol. */
export interface StreamRef {
  symbol: string;
  interval: Interval;
}

/** Facts about one venue market that the engine must respect. Data, not code. */
export interface MarketSpec {
  endpoints: { prod: Endpoint; testnet?: Endpoint };
  /**
   * Our interval → the venue's interval id, one string or `{ ws, rest }` where the venue spells it
   * differently on its socket and its REST API (read it with `venueIntervalId`). Intervals missing
   * here are rejected with a clear error.
   */
  intervals: Partial<Record<Interval, VenueIntervalId>>;
  ws: {
    /** Streams packed onto one connection at most. */
    maxStreamsPerConnection: number;
    /** Streams named in one subscribe/unsubscribe frame at most (1 where the venue takes one per frame). */
    maxStreamsPerRequest: number;
    /** Characters of topic arguments per connection at most (Bybit: 21,000), measured by `streamName`. */
    maxArgCharsPerConnection?: number;
    /** Bytes per subscribe frame at most (OKX: 64 KB of args). */
    maxRequestBytes?: number;
    /** Control frames (subscribe, unsubscribe, app pings) the client may send per connection. */
    controlRate: { messages: number; perMs: number };
    /** A second, slower budget of subscribe/unsubscribe frames per connection (OKX: 480 per hour). */
    subscribeBudget?: { messages: number; perMs: number };
    /** New connections per venue market (OKX: 3/s per IP; Hyperliquid: 30/min per IP). */
    connectRate?: { connections: number; perMs: number };
    /** Connections at most, across the venue (Hyperliquid: 10 per IP). */
    maxConnections?: number;
    /** Subscriptions at most, across the venue (Hyperliquid: 1000 per IP). */
    maxSubscriptions?: number;
    /**
     * App-level ping the venue requires; the engine sends `frame` every `everyMs` (WS protocol pings
     * are answered by the socket). A function `frame` is called with the engine's `now` (ms) per ping,
     * for venues whose pings carry a time.
     */
    heartbeat?: { everyMs: number; frame: string | ((now: number) => string) };
    /** No frame at all for this long: the connection is dead, reconnect. */
    inactivityTimeoutMs: number;
    /** Recycle a connection before the venue cuts it (Binance: 24 h). */
    maxConnectionAgeMs?: number;
    /**
     * How the venue reports a bad stream:
     * - `stream`: each rejection names its stream (OKX per arg, Gate per frame, Hyperliquid by echo);
     * - `request`: one bad stream fails every stream of its frame (Bybit) — the engine re-subscribes
     *   the frame's streams one per frame to find the bad one;
     * - `silent`: the venue acks and sends nothing (Binance) — symbols are validated from instruments.
     */
    rejectScope: 'stream' | 'request' | 'silent';
    /**
     * A subscribe with an unknown symbol closes the whole connection (Hyperliquid): the engine must
     * never subscribe a symbol missing from the instrument list.
     */
    unknownSymbolKillsConnection?: boolean;
  };
  candles: {
    /**
     * `flag`: frames carry a reliable closed flag. `rollover`: no reliable flag — a later openTime
     * closes the previous candle, and a quiet candle is closed after closeTime + `closeGraceMs`
     * and confirmed from REST.
     */
    closeDetection: 'flag' | 'rollover';
    closeGraceMs?: number;
    /**
     * @deprecated Not read any more: on a rollover venue every candle is closed with REST's final
     * values (a skipped or reordered final push cannot be told from a final one), so no cadence
     * decides whether a live rollover is trusted. Kept so adapters that set it still compile.
     */
    pushCadenceMs?: number;
    /** A subscribed stream silent this long is re-subscribed, then its connection recycled, then reported stalled. */
    stallTimeoutMs: number;
    /**
     * What the venue pushes for an open candle without trades. `periodic`: the candle again at a
     * steady cadence (Binance every 2 s, Bybit within 60 s), so a silence past `stallTimeoutMs` is a
     * stall at every interval. `on-change`: nothing until it changes (OKX, Gate, Hyperliquid), so a
     * quiet stream may be silent for as long as a candle lasts: its stall timeout is at least one
     * interval plus `closeGraceMs` (a quiet 1d stream is not stalled after 90 s). @default 'periodic'
     */
    quietPushes?: 'periodic' | 'on-change';
    /** Whether the venue has a candle for an interval without trades (Binance: yes; Hyperliquid, Gate: no). */
    emptyIntervals: 'present' | 'absent';
  };
  rest: {
    /** Candles per REST page at most. */
    maxCandlesPerRequest: number;
    /** REST budget, in the weight units of {@link HttpRequest.weight}. */
    rateLimit: { weight: number; perMs: number };
    /** Longest startTime..endTime span one request may ask for (Binance COIN-M: 200 days). */
    maxSpanMs?: number;
    /**
     * Only this many most recent candles exist over REST (Gate: 10,000 points; Hyperliquid: 5,000):
     * one number for every interval, or per interval (an interval missing there has no known limit).
     * Read it with `historyDepthOf`.
     */
    historyDepth?: number | Partial<Record<Interval, number>>;
  };
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Cost against {@link MarketSpec.rest.rateLimit}; 1 when absent. */
  weight?: number;
}

export interface HttpResponse {
  url: string;
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string;
}

/** A window of candles by open time, both ends inclusive; the engine sizes it to at most `limit` candles. */
export interface CandlesQuery {
  symbol: string;
  interval: Interval;
  startTime: number;
  endTime: number;
  limit: number;
}

export interface SymbolInfo {
  /** Native symbol, as the venue spells it in streams and REST. */
  symbol: string;
  /** ccxt-style unified symbol: `BTC/USDT`, `BTC/USDT:USDT`, `BTC/USD:BTC`. */
  unified: string;
  base: string;
  quote: string;
  settle?: string;
  market: MarketType;
  /** The venue's status word (TRADING, live, Trading, …). */
  status: string;
  /** Tradable now. */
  active: boolean;
  /**
   * Units per contract as the venue defines them, where it reports volume in contracts: base units
   * on linear contracts, quote units (USD) on inverse ones (Binance COIN-M, OKX inverse).
   */
  contractSize?: number;
}

/** Instruments of one venue market by native symbol (what `parseSymbols` returned). */
export type InstrumentIndex = ReadonlyMap<string, SymbolInfo>;

/** What one inbound frame means. */
export type VenueEvent =
  | { type: 'candle'; candle: Candle }
  | { type: 'subscribed'; requestId?: number; streams?: StreamRef[] }
  | { type: 'unsubscribed'; requestId?: number; streams?: StreamRef[] }
  /** The venue refused streams: named ones, or every stream of request `requestId`. */
  | { type: 'rejected'; requestId?: number; streams?: StreamRef[]; message: string; code?: string }
  | { type: 'pong' }
  /** The venue asks the client to reconnect (Binance serverShutdown, OKX 64008, Gate upgrade). */
  | { type: 'reconnect'; reason: string }
  /** A venue error not tied to a stream. */
  | { type: 'error'; message: string; code?: string; requestId?: number }
  | { type: 'ignore' };

export interface VenueAdapter {
  readonly specificationVersion: typeof VENUE_ADAPTER_SPEC_VERSION;
  /** The venue's id in stream keys, candles and settings: lower-case, e.g. `acme`. */
  readonly id: ExchangeId;
  /** Display name for help texts and pages, e.g. `Acme`. */
  readonly name: string;
  /** Other names accepted on input for this venue (e.g. `acme.io`); lower-case, unique across the registry. */
  readonly aliases?: readonly string[];
  /** Markets the venue offers; `undefined` = not offered (say why in `unsupportedMarkets`). */
  readonly markets: Readonly<Record<MarketType, MarketSpec | undefined>>;
  readonly unsupportedMarkets?: Partial<Record<MarketType, string>>;

  // --- WebSocket ---
  /** Full URL to open for a connection on `market`, from the base `wsBase` (prod, testnet or an override). */
  connectUrl(market: MarketType, wsBase: string, streams: readonly StreamRef[]): string;
  /** The venue's name for a stream (its topic/arg), used for sizing and logs. */
  streamName(market: MarketType, stream: StreamRef): string;
  /**
   * One subscribe frame for `streams` (the engine keeps each frame within the spec's limits). `now`
   * is the engine's clock (ms), for venues that stamp requests.
   */
  subscribe(market: MarketType, streams: readonly StreamRef[], requestId: number, now: number): string;
  unsubscribe(market: MarketType, streams: readonly StreamRef[], requestId: number, now: number): string;
  /** Translate one inbound text frame. Never throws on venue input: malformed frames yield `error`/`ignore`. */
  parse(market: MarketType, frame: string, instruments?: InstrumentIndex): VenueEvent[];
  /**
   * Optional fast path for the venue's hottest frame, read from the frame's bytes: the candle of a
   * frame that is exactly one candle update, or `undefined` for any other frame or any doubt (the
   * engine then decodes the frame and calls `parse`). Where it returns a candle, that candle must be
   * exactly the one `parse` yields for the same frame — prove it with a differential test.
   */
  parseCandleFrame?(market: MarketType, frame: Buffer, instruments?: InstrumentIndex): Candle | undefined;

  // --- REST ---
  /** The request for one window of candles; `now` is the engine's clock (ms), for venues that stamp or sign requests. */
  candlesRequest(market: MarketType, restBase: string, query: CandlesQuery, now: number): HttpRequest;
  /** Candles of a 2xx response, ascending by openTime, unclosed ones `closed: false`. Throws VenueHttpError for error bodies. */
  parseCandles(
    market: MarketType,
    query: CandlesQuery,
    response: HttpResponse,
    instruments?: InstrumentIndex,
  ): Candle[];
  /** Request for one page of instruments; `cursor` is what the previous page's `next` said. */
  symbolsRequest(market: MarketType, restBase: string, cursor?: string): HttpRequest;
  parseSymbols(market: MarketType, response: HttpResponse): { symbols: SymbolInfo[]; next?: string };
  /** Error for a non-2xx response (venue code, message, retryability, Retry-After). Core's default applies when absent. */
  httpError?(market: MarketType, response: HttpResponse): import('./errors').VenueHttpError;
  /**
   * Native symbol for user input without instruments at hand: `btcusdt`, `BTC/USDT` → `BTCUSDT`.
   * Throws an OhlcvError naming the input when it cannot be a symbol of this market.
   */
  normalizeSymbol(market: MarketType, input: string): string;
}
