import { type MarketSpec, type MarketType, UnsupportedMarketError } from '@ohlcv/core';
import { gateHeartbeat } from './heartbeat';
import { GATE_INTERVALS } from './intervals';

const SECOND = 1_000;

/** Gate serves at most this many points older than now per series: "Candlestick too long ago". */
/** Gate keeps the last 10,000 candles of an interval over REST. */
export const HISTORY_DEPTH = 10_000;
/** Public endpoints: 200 requests per 10 s per endpoint per IP; keep 10 % for other users of the IP. */
const REST_RATE_LIMIT = { weight: 180, perMs: 10 * SECOND };

function spec(
  market: MarketType,
  endpoints: MarketSpec['endpoints'],
  maxCandlesPerRequest: number,
): MarketSpec {
  return {
    endpoints,
    intervals: GATE_INTERVALS,
    ws: {
      // Not documented; 150 futures / 385 spot streams per socket were probed without refusal.
      maxStreamsPerConnection: 100,
      // `payload` is one [interval, pair]; a nested list connects but never pushes.
      maxStreamsPerRequest: 1,
      // "Others: No limit" for market data; stay polite.
      controlRate: { messages: 10, perMs: SECOND },
      // Gate closes sockets idle for ≈30 s (1006); an app ping every 10 s keeps them open.
      heartbeat: gateHeartbeat(market),
      // Pongs arrive every 10 s: 30 s without any frame is three missed pongs.
      inactivityTimeoutMs: 30 * SECOND,
      // Every failure frame names its stream by payload echo (or by request id, one stream per request).
      rejectScope: 'stream',
    },
    candles: {
      // Spot `w` "may be missing" and futures have no flag: a later candle closes the previous one.
      closeDetection: 'rollover',
      // Spot pushes every 2 s; give the final push of a minute time to arrive.
      closeGraceMs: 5 * SECOND,
      // Spot "update speed: 2000ms"; futures' cadence is undocumented (about 1 s observed): a
      // rollover after a longer silence may have missed the final push and is confirmed over REST.
      pushCadenceMs: market === 'spot' ? 2 * SECOND : SECOND,
      // No trades → no candle and no push; quiet pairs are silent for minutes.
      stallTimeoutMs: 90 * SECOND,
      quietPushes: 'on-change',
      emptyIntervals: 'absent',
    },
    rest: { maxCandlesPerRequest, rateLimit: REST_RATE_LIMIT, historyDepth: HISTORY_DEPTH },
  };
}

const spot = spec(
  'spot',
  {
    prod: { ws: 'wss://api.gateio.ws', rest: 'https://api.gateio.ws' },
    testnet: { ws: 'wss://ws-testnet.gate.com', rest: 'https://api-testnet.gateapi.io' },
  },
  // "Maximum of 1000 points" with both ends inclusive.
  1_000,
);

const futuresEndpoints: MarketSpec['endpoints'] = {
  prod: { ws: 'wss://fx-ws.gateio.ws', rest: 'https://api.gateio.ws' },
  testnet: { ws: 'wss://fx-ws-testnet.gateio.ws', rest: 'https://api-testnet.gateapi.io' },
};

// "Maximum of 2000 points"; CCXT found 1999 the safe count with inclusive ends.
const usdm = spec('usdm', futuresEndpoints, 1_999);
const coinm = spec('coinm', futuresEndpoints, 1_999);

export const GATEIO_MARKET_SPECS: Readonly<Record<MarketType, MarketSpec>> = { spot, usdm, coinm };

/** The spec of `market`; throws UnsupportedMarketError for anything else (input from outside TypeScript). */
export function marketSpec(market: MarketType): MarketSpec {
  const found = market === 'spot' ? spot : market === 'usdm' ? usdm : market === 'coinm' ? coinm : undefined;
  if (found === undefined) throw new UnsupportedMarketError('gateio', String(market));
  return found;
}
