import { type MarketSpec, type MarketType, UnsupportedMarketError } from '@ohlcv/core';
import { OKX_BARS } from './okx-intervals';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Production and demo ("paper") hosts, port 443 (8443 was retired on 2026-10-31). */
const ENDPOINTS: MarketSpec['endpoints'] = {
  prod: { ws: 'wss://ws.okx.com', rest: 'https://www.okx.com' },
  // Demo REST is the production host plus the header `x-simulated-trading: 1`.
  testnet: {
    ws: 'wss://wspap.okx.com',
    rest: 'https://www.okx.com',
    restHeaders: { 'x-simulated-trading': '1' },
  },
};

/** Candles per REST page: `history-candles` documents 300 today but clients use 100 (its older cap); 100 is right under both. */
export const OKX_MAX_CANDLES_PER_REQUEST = 100;
/** Weight budget: `candles` allows 40 requests / 2 s (weight 1 each), `history-candles` 20 / 2 s (weight 2). */
export const OKX_REST_RATE_LIMIT = { weight: 40, perMs: 2 * SECOND } as const;

/**
 * One spec for every OKX market: SPOT, SWAP and FUTURES share the `/ws/v5/business` candle channel,
 * the REST endpoints and their limits.
 */
const spec: MarketSpec = {
  endpoints: ENDPOINTS,
  intervals: OKX_BARS,
  ws: {
    // No documented cap; close codes 4008/4009 exist with unknown numbers. 256 args per connection
    // is what nautilus uses per message and keeps a connection's 480/h budget enough to resubscribe.
    maxStreamsPerConnection: 256,
    // An arg is `{"channel":"candle12Hutc","instId":"…"}` (< 80 bytes): 100 args ≈ 8 KB.
    maxStreamsPerRequest: 100,
    // The venue: 64 KB of args per request; keep 1 KB for the envelope.
    maxRequestBytes: 63 * 1024,
    // Not documented for public channels; subscribe frames are bounded by subscribeBudget anyway,
    // this paces bursts (pings included).
    controlRate: { messages: 5, perMs: SECOND },
    // The venue: 480 subscribe/unsubscribe/login requests per connection per hour.
    subscribeBudget: { messages: 480, perMs: HOUR },
    // The venue: 3 new connections per second per IP.
    connectRate: { connections: 3, perMs: SECOND },
    // The venue closes (4004) after 30 s without a push; a text `ping` is answered `pong`, which counts.
    heartbeat: { everyMs: 20 * SECOND, frame: 'ping' },
    // A pong is due every 20 s; 30 s (the venue's own rule) plus 10 s margin.
    inactivityTimeoutMs: 40 * SECOND,
    rejectScope: 'stream',
  },
  candles: {
    closeDetection: 'flag',
    // Pushes come at most once a second and only when the candle changes: quiet instruments can
    // stay silent for minutes, and every re-subscribe spends the 480/h budget.
    stallTimeoutMs: 2 * MINUTE,
    quietPushes: 'on-change',
    // "When there is no transaction, the opening high and closing low default take the closing
    // price of the previous cycle": intervals without trades exist with volume 0.
    emptyIntervals: 'present',
  },
  rest: {
    maxCandlesPerRequest: OKX_MAX_CANDLES_PER_REQUEST,
    rateLimit: OKX_REST_RATE_LIMIT,
  },
};

export const OKX_MARKET_SPECS: Readonly<Record<MarketType, MarketSpec>> = {
  spot: spec,
  usdm: spec,
  coinm: spec,
};

/** The spec of `market`; throws UnsupportedMarketError for anything else (input from outside TypeScript). */
export function marketSpec(market: MarketType): MarketSpec {
  if (market !== 'spot' && market !== 'usdm' && market !== 'coinm') {
    throw new UnsupportedMarketError('okx', String(market));
  }
  return spec;
}
