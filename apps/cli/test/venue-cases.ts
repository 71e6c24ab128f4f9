/**
 * Every venue-market the CLI serves, as the end-to-end tests drive them: how to start its simulator, a
 * listed symbol (and a second one where the market has it), a symbol the venue does not list, the REST
 * paths that serve candles, and the env that points the CLI at the simulator.
 */
import type { ExchangeId, Interval, MarketType } from '@ohlcv/core';
import { startSimulatedVenue, type VenueSimulator } from '@ohlcv/testkit';

/** What a test may ask of any venue's simulator. */
export interface StartOptions {
  /** Virtual start time (ms, default the testkit's). */
  startTime?: number;
  /** Intervals without trades (rollover venues: Gate, Hyperliquid). */
  quiet?: (symbol: string, interval: Interval, openTime: number) => boolean;
}

export interface VenueCase {
  exchange: ExchangeId;
  market: MarketType;
  symbol: string;
  /** A second listed symbol of the market, where it has one. */
  otherSymbol: string | undefined;
  /** Not listed by the venue. */
  unknownSymbol: string;
  /** REST paths that serve candles (to count backfill requests). */
  candlePaths: readonly string[];
  /** Whether the venue marks candles closed itself (false: closed when the next one starts). */
  rollover: boolean;
  start(options?: StartOptions): Promise<VenueSimulator>;
}

/**
 * Virtual ms between open-candle pushes: three per 1m candle keep stepping virtual time cheap. Every
 * simulator still sends a candle's final state at its boundary.
 */
const CADENCE_MS = 20_000;

const OKX_CANDLE_PATHS = ['/api/v5/market/candles', '/api/v5/market/history-candles'];

export const VENUE_CASES: readonly VenueCase[] = [
  ...(['spot', 'usdm', 'coinm'] as const).map(
    (market): VenueCase => ({
      exchange: 'binance',
      market,
      symbol: market === 'coinm' ? 'BTCUSD_PERP' : 'BTCUSDT',
      otherSymbol: market === 'coinm' ? 'ETHUSD_PERP' : 'ETHUSDT',
      unknownSymbol: 'NOPE123',
      candlePaths: [{ spot: '/api/v3/klines', usdm: '/fapi/v1/klines', coinm: '/dapi/v1/klines' }[market]],
      rollover: false,
      start: (options = {}) => start('binance', market, options),
    }),
  ),
  {
    exchange: 'okx',
    market: 'spot',
    symbol: 'BTC-USDT',
    otherSymbol: 'ETH-USDT',
    unknownSymbol: 'NOPE-USDT',
    candlePaths: OKX_CANDLE_PATHS,
    rollover: false,
    start: (options = {}) => start('okx', 'spot', options),
  },
  {
    exchange: 'okx',
    market: 'usdm',
    symbol: 'BTC-USDT-SWAP',
    otherSymbol: 'ETH-USDT-SWAP',
    unknownSymbol: 'NOPE-USDT-SWAP',
    candlePaths: OKX_CANDLE_PATHS,
    rollover: false,
    start: (options = {}) => start('okx', 'usdm', options),
  },
  {
    exchange: 'okx',
    market: 'coinm',
    symbol: 'BTC-USD-SWAP',
    otherSymbol: 'ETH-USD-SWAP',
    unknownSymbol: 'NOPE-USD-SWAP',
    candlePaths: OKX_CANDLE_PATHS,
    rollover: false,
    start: (options = {}) => start('okx', 'coinm', options),
  },
  ...(['spot', 'usdm', 'coinm'] as const).map(
    (market): VenueCase => ({
      exchange: 'bybit',
      market,
      symbol: market === 'coinm' ? 'BTCUSD' : 'BTCUSDT',
      otherSymbol: market === 'coinm' ? 'ETHUSD' : 'ETHUSDT',
      unknownSymbol: 'NOPEUSDT',
      candlePaths: ['/v5/market/kline'],
      rollover: false,
      start: (options = {}) => start('bybit', market, options),
    }),
  ),
  ...(['spot', 'usdm', 'coinm'] as const).map(
    (market): VenueCase => ({
      exchange: 'gateio',
      market,
      symbol: market === 'coinm' ? 'BTC_USD' : 'BTC_USDT',
      otherSymbol: market === 'coinm' ? undefined : 'ETH_USDT',
      unknownSymbol: market === 'coinm' ? 'NOPE_USD' : 'NOPE_USDT',
      candlePaths: [
        {
          spot: '/api/v4/spot/candlesticks',
          usdm: '/api/v4/futures/usdt/candlesticks',
          coinm: '/api/v4/futures/btc/candlesticks',
        }[market],
      ],
      rollover: true,
      start: (options = {}) => start('gateio', market, options),
    }),
  ),
  ...(['usdm', 'spot'] as const).map(
    (market): VenueCase => ({
      exchange: 'hyperliquid',
      market,
      symbol: market === 'usdm' ? 'BTC' : 'PURR/USDC',
      otherSymbol: market === 'usdm' ? 'ETH' : '@107',
      unknownSymbol: 'NOPE',
      candlePaths: ['/info'],
      rollover: true,
      start: (options = {}) => start('hyperliquid', market, options),
    }),
  ),
];

/** The case's simulator, at the tests' cadence. */
function start(exchange: ExchangeId, market: MarketType, options: StartOptions): Promise<VenueSimulator> {
  return startSimulatedVenue(`${exchange}:${market}`, {
    pushCadenceMs: CADENCE_MS,
    ...(options.startTime === undefined ? {} : { startTime: options.startTime }),
    ...(options.quiet ? { quiet: options.quiet } : {}),
  });
}

/** The cases of the venues besides Binance (whose own tests are in the binance-specific files). */
export const OTHER_VENUE_CASES: readonly VenueCase[] = VENUE_CASES.filter(
  (venueCase) => venueCase.exchange !== 'binance',
);

/** The cases of one venue. */
export function casesOf(exchange: ExchangeId): readonly VenueCase[] {
  return VENUE_CASES.filter((venueCase) => venueCase.exchange === exchange);
}

/** `OHLCV_<EXCHANGE>_<MARKET>_WS_URL` / `_REST_URL` pointing the CLI's `market` of `exchange` at a simulator. */
export function venueEnv(
  exchange: ExchangeId,
  market: MarketType,
  simulator: { wsBase: string; restBase: string },
): Record<string, string> {
  const prefix = `OHLCV_${exchange.toUpperCase()}_${market.toUpperCase()}`;
  return { [`${prefix}_WS_URL`]: simulator.wsBase, [`${prefix}_REST_URL`]: simulator.restBase };
}

/** The label of a case in test names, e.g. `okx usdm`. */
export function caseName(venueCase: VenueCase): string {
  return `${venueCase.exchange} ${venueCase.market}`;
}

/** REST candle requests a simulator has served for a case. */
export function candleRequests(venueCase: VenueCase, simulator: VenueSimulator): number {
  let total = 0;
  for (const path of venueCase.candlePaths) total += simulator.restRequestCount(path);
  return total;
}
