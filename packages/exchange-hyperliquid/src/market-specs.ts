import { type Interval, type MarketSpec, type MarketType, UnsupportedMarketError } from '@ohlcv/core';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** Why `coinm` is undefined: Hyperliquid lists only USDC-margined perpetuals and spot. */
export const COINM_UNSUPPORTED_REASON =
  'Hyperliquid has no coin-margined (inverse) contracts: its perpetuals are USDC-margined (market "usdm") and its spot pairs are market "spot"';

/**
 * Hyperliquid interval ids equal ours; there is no `1s` and no `6h`. Case-sensitive: `1m` minute,
 * `1M` month. The same list serves the WebSocket `candle` subscription and REST `candleSnapshot`.
 */
export const HYPERLIQUID_INTERVALS: Readonly<Partial<Record<Interval, string>>> = {
  '1m': '1m',
  '3m': '3m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1h',
  '2h': '2h',
  '4h': '4h',
  '8h': '8h',
  '12h': '12h',
  '1d': '1d',
  '3d': '3d',
  '1w': '1w',
  '1M': '1M',
};

/** `{"method":"ping"}` every 30 s (hummingbot's period); the venue cuts a socket it sent nothing to for 60 s. */
export const HEARTBEAT_FRAME = '{"method":"ping"}';
const HEARTBEAT_MS = 30 * SECOND;

/**
 * Venue (per IP, across every socket and both markets): 10 connections, 30 new connections per
 * minute, 1000 subscriptions, 2000 client messages per minute, REST 1200 weight per minute.
 *
 * - Streams per connection: 1000 subscriptions / 10 connections = 100, so a full budget packs evenly
 *   and one socket killed by the venue (an unknown coin, an idle cut) loses at most 100 streams,
 *   which it resubscribes with 100 of the IP's 2000 messages per minute.
 * - Control frames per connection: 2000 / 10 = 200 per minute if every socket is busy. A token bucket
 *   can spend its whole capacity and its whole refill inside one minute (2 × capacity), so 90 per
 *   minute keeps 10 sockets under 1800 per minute even then; our pings (2 per minute) count too.
 *   A reconnect of 100 streams sends 90 at once and the rest within ~7 s.
 * - New connections: 30 per minute per IP shared by two markets, each a token bucket (2 × capacity
 *   per minute at worst): 7 per market keeps the IP at 28.
 * - REST: 1200 weight per minute per IP shared by two markets: 600 each.
 */
const MAX_STREAMS_PER_CONNECTION = 100;

function market(): MarketSpec {
  return {
    endpoints: {
      prod: { ws: 'wss://api.hyperliquid.xyz', rest: 'https://api.hyperliquid.xyz' },
      testnet: { ws: 'wss://api.hyperliquid-testnet.xyz', rest: 'https://api.hyperliquid-testnet.xyz' },
    },
    intervals: HYPERLIQUID_INTERVALS,
    ws: {
      maxStreamsPerConnection: MAX_STREAMS_PER_CONNECTION,
      // One subscription per frame: an array `coin` is refused.
      maxStreamsPerRequest: 1,
      controlRate: { messages: 90, perMs: MINUTE },
      connectRate: { connections: 7, perMs: MINUTE },
      maxConnections: 10,
      maxSubscriptions: 1000,
      heartbeat: { everyMs: HEARTBEAT_MS, frame: HEARTBEAT_FRAME },
      // Every ping draws a pong within ~100 ms, so a live socket never goes 30 s without a frame;
      // 45 s = one ping period + 15 s of slack, still before the venue's own 60 s cut.
      inactivityTimeoutMs: 45 * SECOND,
      // Rejections echo the subscription (`Already subscribed: {…}`, parse errors quote the frame).
      rejectScope: 'stream',
      // An unknown (or wrong-case) coin makes the venue drop the socket with 1006 and no reply.
      unknownSymbolKillsConnection: true,
    },
    candles: {
      // No closed flag: a later `t` closes the previous candle; a quiet candle is closed after
      // T + 2 s (room for a last trade update) and confirmed from candleSnapshot.
      closeDetection: 'rollover',
      closeGraceMs: 2 * SECOND,
      // Pushes as the open candle changes, about once a second on a traded coin: a rollover after a
      // longer silence may have missed the final push and is confirmed over REST.
      pushCadenceMs: SECOND,
      // A coin without trades pushes nothing at all (no snapshot, no empty candle), for minutes on
      // thin spot pairs: only a long silence is a stall.
      stallTimeoutMs: 10 * MINUTE,
      quietPushes: 'on-change',
      emptyIntervals: 'absent',
    },
    rest: {
      // candleSnapshot returns at most 5000 rows, and only the most recent 5000 candles exist.
      maxCandlesPerRequest: 5000,
      rateLimit: { weight: 600, perMs: MINUTE },
      historyDepth: 5000,
    },
  };
}

const usdm = market();
const spot = market();

export const HYPERLIQUID_MARKET_SPECS: Readonly<Record<MarketType, MarketSpec | undefined>> = {
  spot,
  usdm,
  coinm: undefined,
};

/** The spec of `market`; throws UnsupportedMarketError for `coinm` (and anything else) with the reason. */
export function marketSpec(market: MarketType): MarketSpec {
  if (market === 'usdm') return usdm;
  if (market === 'spot') return spot;
  throw new UnsupportedMarketError(
    'hyperliquid',
    String(market),
    market === 'coinm' ? COINM_UNSUPPORTED_REASON : 'expected spot or usdm',
  );
}
