import { type Interval, type MarketSpec, type MarketType, UnsupportedMarketError } from '@ohlcv/core';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Binance interval ids equal ours, `1s` included (spot only). Case-sensitive: `1m` minute, `1M` month. */
const FUTURES_INTERVALS: Partial<Record<Interval, string>> = {
  '1m': '1m',
  '3m': '3m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1h',
  '2h': '2h',
  '4h': '4h',
  '6h': '6h',
  '8h': '8h',
  '12h': '12h',
  '1d': '1d',
  '3d': '3d',
  '1w': '1w',
  '1M': '1M',
};

const SPOT_INTERVALS: Partial<Record<Interval, string>> = { '1s': '1s', ...FUTURES_INTERVALS };

/**
 * Streams per SUBSCRIBE frame. Binance ignores frames above ~4096 bytes without answering
 * (JKorf/Binance.Net#1180). A frame is `{"method":"UNSUBSCRIBE","params":[…],"id":<≤20 digits>}`
 * (≈ 60 bytes) plus `"<name>",` per stream; a name is `<symbol>@kline_<interval>` (≤ 10 bytes beyond
 * the symbol). With 100 streams a frame stays under 4096 bytes for symbols up to 26 bytes — Binance
 * symbols are ≤ 20 (e.g. `1000000bobusdt`, `btcusdt_261225`). {@link MAX_REQUEST_BYTES} bounds the
 * rest for exotic (UTF-8) symbols.
 */
const MAX_STREAMS_PER_REQUEST = 100;
/** Bytes of stream names per frame, leaving ~400 bytes of headroom under 4096 for JSON overhead. */
const MAX_REQUEST_BYTES = 3_600;
/** Recycle before the venue's 24 h cut so the engine reconnects (and backfills) on its own terms. */
const MAX_CONNECTION_AGE_MS = 23.5 * HOUR;
/**
 * A subscribed stream pushes every 2 s (spot) or 250 ms (futures); 30 s without a push is many
 * missed pushes, well within a 1m candle.
 */
const STALL_TIMEOUT_MS = 30 * SECOND;

const spot: MarketSpec = {
  endpoints: {
    prod: { ws: 'wss://stream.binance.com:9443', rest: 'https://api.binance.com' },
    testnet: { ws: 'wss://stream.testnet.binance.vision', rest: 'https://testnet.binance.vision' },
  },
  intervals: SPOT_INTERVALS,
  ws: {
    maxStreamsPerConnection: 1024,
    maxStreamsPerRequest: MAX_STREAMS_PER_REQUEST,
    maxRequestBytes: MAX_REQUEST_BYTES,
    // Venue: 5 incoming messages/s per connection, our pongs included (they share the window).
    controlRate: { messages: 5, perMs: SECOND },
    // Venue: 300 connection attempts per 5 minutes per IP.
    connectRate: { connections: 250, perMs: 5 * MINUTE },
    // Server pings every 20 s (protocol frames, answered by the socket) and pushes every 2 s.
    inactivityTimeoutMs: 60 * SECOND,
    maxConnectionAgeMs: MAX_CONNECTION_AGE_MS,
    rejectScope: 'silent',
  },
  candles: { closeDetection: 'flag', stallTimeoutMs: STALL_TIMEOUT_MS, emptyIntervals: 'present' },
  rest: {
    maxCandlesPerRequest: 1000,
    // Venue: REQUEST_WEIGHT 6000 per minute per IP; keep ~15 % for other users of the IP.
    rateLimit: { weight: 5_000, perMs: MINUTE },
  },
};

function futures(prod: { ws: string; rest: string }, testnet: { ws: string; rest: string }): MarketSpec {
  return {
    endpoints: { prod, testnet },
    intervals: FUTURES_INTERVALS,
    ws: {
      maxStreamsPerConnection: 1024,
      maxStreamsPerRequest: MAX_STREAMS_PER_REQUEST,
      maxRequestBytes: MAX_REQUEST_BYTES,
      // Venue: 10 incoming messages/s per connection, pongs included (they share the window).
      controlRate: { messages: 10, perMs: SECOND },
      // Server pings every 3 min; a subscribed stream pushes every 250 ms, so a connection with
      // streams is caught far sooner by the 30 s stall timeout. 4 min = one ping period + 1 min slack.
      inactivityTimeoutMs: 4 * MINUTE,
      maxConnectionAgeMs: MAX_CONNECTION_AGE_MS,
      rejectScope: 'silent',
    },
    candles: { closeDetection: 'flag', stallTimeoutMs: STALL_TIMEOUT_MS, emptyIntervals: 'present' },
    rest: {
      maxCandlesPerRequest: 1500,
      // Venue: REQUEST_WEIGHT 2400 per minute per IP (UTC clock minute).
      rateLimit: { weight: 2_000, perMs: MINUTE },
    },
  };
}

const usdm = futures(
  { ws: 'wss://fstream.binance.com', rest: 'https://fapi.binance.com' },
  { ws: 'wss://fstream.binancefuture.com', rest: 'https://testnet.binancefuture.com' },
);

/** COIN-M refuses a startTime–endTime span above 200 days. */
export const COINM_MAX_SPAN_MS = 200 * 24 * 60 * MINUTE - 1;

const coinmBase = futures(
  { ws: 'wss://dstream.binance.com', rest: 'https://dapi.binance.com' },
  { ws: 'wss://dstream.binancefuture.com', rest: 'https://testnet.binancefuture.com' },
);
// COIN-M refuses a startTime–endTime span above 200 days: the engine sizes its REST windows to fit.
const coinm: MarketSpec = { ...coinmBase, rest: { ...coinmBase.rest, maxSpanMs: COINM_MAX_SPAN_MS } };

export const BINANCE_MARKET_SPECS: Readonly<Record<MarketType, MarketSpec>> = { spot, usdm, coinm };

/** The spec of `market`; throws UnsupportedMarketError for anything else (input from outside TypeScript). */
export function marketSpec(market: MarketType): MarketSpec {
  const spec = market === 'spot' ? spot : market === 'usdm' ? usdm : market === 'coinm' ? coinm : undefined;
  if (spec === undefined) throw new UnsupportedMarketError('binance', String(market));
  return spec;
}
