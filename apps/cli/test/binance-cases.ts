/** The Binance markets the end-to-end tests run against, with a listed symbol and the klines path of each. */
import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';

export const BINANCE_CASES = [
  { market: 'spot', symbol: 'BTCUSDT', klinesPath: '/api/v3/klines' },
  { market: 'usdm', symbol: 'BTCUSDT', klinesPath: '/fapi/v1/klines' },
  { market: 'coinm', symbol: 'BTCUSD_PERP', klinesPath: '/dapi/v1/klines' },
] as const;

export type BinanceCase = (typeof BINANCE_CASES)[number];

/** A manual-clock simulator; three pushes per 1m candle keep virtual-time stepping cheap. */
export function startSimulator(market: BinanceCase['market']): Promise<BinanceSimulator> {
  return startBinanceSimulator({ market, pushIntervalMs: 20_000 });
}
