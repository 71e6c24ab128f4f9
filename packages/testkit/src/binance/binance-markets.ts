/**
 * What differs between the three simulated Binance markets (venue doc §1.1–1.3, §6): REST prefix,
 * intervals, push cadence, heartbeat, limits, default symbols, symbol anatomy.
 */
import type { Interval } from '@ohlcv/core';

export type BinanceMarket = 'spot' | 'usdm' | 'coinm';

export interface BinanceMarketConfig {
  market: BinanceMarket;
  restPrefix: '/api/v3' | '/fapi/v1' | '/dapi/v1';
  intervals: readonly Interval[];
  /** Virtual ms between kline updates of an open candle. */
  pushCadenceMs(interval: Interval): number;
  pingIntervalMs: number;
  pongTimeoutMs: number;
  /** Incoming WS messages (JSON, ping and pong frames) per second per connection. */
  messagesPerSecond: number;
  maxStreamsPerConnection: number;
  klinesMaxLimit: number;
  weightPerMinute: number;
  /** Weight of a klines call by its `limit` parameter (`undefined` when absent). */
  klinesWeight(limit: number | undefined): number;
  exchangeInfoWeight: number;
  defaultSymbols: readonly string[];
}

const FUTURES_INTERVALS: readonly Interval[] = [
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '8h',
  '12h',
  '1d',
  '3d',
  '1w',
  '1M',
];

/** Futures klines weight by limit, bands inclusive at the top; no `limit` costs 5 (measured). */
function futuresKlinesWeight(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return 5;
  if (limit <= 100) return 1;
  if (limit <= 500) return 2;
  if (limit <= 1000) return 5;
  return 10;
}

const FUTURES_COMMON = {
  intervals: FUTURES_INTERVALS,
  pushCadenceMs: () => 250,
  pingIntervalMs: 180_000,
  pongTimeoutMs: 600_000,
  messagesPerSecond: 10,
  maxStreamsPerConnection: 1024,
  klinesMaxLimit: 1500,
  weightPerMinute: 2400,
  klinesWeight: futuresKlinesWeight,
  exchangeInfoWeight: 1,
} as const;

export const BINANCE_MARKETS: Record<BinanceMarket, BinanceMarketConfig> = {
  spot: {
    market: 'spot',
    restPrefix: '/api/v3',
    intervals: ['1s', ...FUTURES_INTERVALS],
    pushCadenceMs: (interval) => (interval === '1s' ? 1_000 : 2_000),
    pingIntervalMs: 20_000,
    pongTimeoutMs: 60_000,
    messagesPerSecond: 5,
    maxStreamsPerConnection: 1024,
    klinesMaxLimit: 1000,
    weightPerMinute: 6000,
    klinesWeight: () => 2,
    exchangeInfoWeight: 20,
    defaultSymbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BNBUSDT'],
  },
  usdm: {
    ...FUTURES_COMMON,
    market: 'usdm',
    restPrefix: '/fapi/v1',
    defaultSymbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
  },
  coinm: {
    ...FUTURES_COMMON,
    market: 'coinm',
    restPrefix: '/dapi/v1',
    defaultSymbols: ['BTCUSD_PERP', 'ETHUSD_PERP'],
  },
};

const QUOTE_ASSETS = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'EUR', 'TRY', 'BTC', 'ETH', 'BNB'];

export interface BinanceSymbolParts {
  baseAsset: string;
  quoteAsset: string;
  /** COIN-M: `BTCUSD`; spot/USDⓈ-M: the symbol without a delivery suffix. */
  pair: string;
  contractType: 'PERPETUAL' | 'CURRENT_QUARTER';
}

/** Splits `BTCUSDT`, `BTCUSDT_261225`, `BTCUSD_PERP` into assets; throws naming an unsplittable symbol. */
export function binanceSymbolParts(market: BinanceMarket, symbol: string): BinanceSymbolParts {
  const [pair = symbol, suffix] = symbol.split('_');
  const contractType = suffix === undefined || suffix === 'PERP' ? 'PERPETUAL' : 'CURRENT_QUARTER';
  if (market === 'coinm') {
    if (!pair.endsWith('USD') || pair.length <= 3)
      throw new Error(`COIN-M symbol "${symbol}" must look like BTCUSD_PERP`);
    return { baseAsset: pair.slice(0, -3), quoteAsset: 'USD', pair, contractType };
  }
  const quoteAsset = QUOTE_ASSETS.find((quote) => pair.endsWith(quote) && pair.length > quote.length);
  if (!quoteAsset)
    throw new Error(
      `cannot split symbol "${symbol}" into base and quote assets (${QUOTE_ASSETS.join(', ')})`,
    );
  return { baseAsset: pair.slice(0, -quoteAsset.length), quoteAsset, pair, contractType };
}

/** COIN-M contract size in USD: 100 for BTC, 10 for the others. */
export function coinmContractSize(symbol: string): number {
  return symbol.startsWith('BTCUSD') ? 100 : 10;
}
