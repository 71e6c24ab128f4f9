import type { MarketSpec, MarketType } from '@ohlcv/core';
import { BYBIT_INTERVALS } from './bybit-intervals';

/** App-level ping Bybit asks for every 20 s; answered `{"success":true,"ret_msg":"pong",…,"op":"ping"}`. */
export const BYBIT_PING_FRAME = '{"op":"ping"}';

const ENDPOINTS: MarketSpec['endpoints'] = {
  prod: { ws: 'wss://stream.bybit.com', rest: 'https://api.bybit.com' },
  testnet: { ws: 'wss://stream-testnet.bybit.com', rest: 'https://api-testnet.bybit.com' },
};

/** Characters of topic args one public connection may carry (Bybit "Public channel - Args limits"). */
const MAX_ARG_CHARS_PER_CONNECTION = 21_000;

function spec(maxStreamsPerRequest: number): MarketSpec {
  return {
    endpoints: ENDPOINTS,
    intervals: BYBIT_INTERVALS,
    ws: {
      // The 21,000-character args cap is what binds (≈1,300 kline topics); this keeps reconnect
      // re-subscribes small and spreads streams over a few sockets.
      maxStreamsPerConnection: 500,
      maxStreamsPerRequest,
      maxArgCharsPerConnection: MAX_ARG_CHARS_PER_CONNECTION,
      // Bybit documents no public message rate; a conservative budget of our own.
      controlRate: { messages: 10, perMs: 1_000 },
      // Documented: ≤ 500 connections per 5 minutes per WebSocket domain; we stay well below.
      connectRate: { connections: 100, perMs: 5 * 60_000 },
      heartbeat: { everyMs: 20_000, frame: BYBIT_PING_FRAME },
      // A pong comes back every 20 s, so 45 s without any frame means two missed pongs.
      inactivityTimeoutMs: 45_000,
      rejectScope: 'request',
    },
    candles: {
      closeDetection: 'flag',
      // Bybit pushes every 1–60 s while a candle is open.
      stallTimeoutMs: 150_000,
      // UNCONFIRMED by the docs: Bybit serves flat zero-volume candles for intervals without trades.
      emptyIntervals: 'present',
    },
    rest: {
      maxCandlesPerRequest: 1_000,
      // Venue: 600 requests per 5 s per IP across every category. Each of the three markets takes a
      // sixth, so all three together use half of it and leave room for other clients on the IP.
      rateLimit: { weight: 100, perMs: 5_000 },
    },
  };
}

export const BYBIT_MARKET_SPECS: Readonly<Record<MarketType, MarketSpec>> = {
  // Spot takes at most 10 args per subscribe request.
  spot: spec(10),
  // Linear and inverse have no per-request cap; a frame of 50 keeps a batch-poisoning blast small.
  usdm: spec(50),
  coinm: spec(50),
};
