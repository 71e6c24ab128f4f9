/** The Binance markets the end-to-end tests run against, with a listed symbol and the klines path of each. */
import type { Candle } from '@ohlcv/core';
import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';

export const BINANCE_CASES = [
  { market: 'spot', symbol: 'BTCUSDT', klinesPath: '/api/v3/klines' },
  { market: 'usdm', symbol: 'BTCUSDT', klinesPath: '/fapi/v1/klines' },
  { market: 'coinm', symbol: 'BTCUSD_PERP', klinesPath: '/dapi/v1/klines' },
] as const;

export type BinanceCase = (typeof BINANCE_CASES)[number];

/** Fields a Candle line may have, in the order the CLI writes them. */
export const CANDLE_FIELDS = [
  'exchange',
  'market',
  'symbol',
  'interval',
  'openTime',
  'closeTime',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'quoteVolume',
  'trades',
  'closed',
];

/** A manual-clock simulator; three pushes per 1m candle keep virtual-time stepping cheap. */
export function startSimulator(market: BinanceCase['market']): Promise<BinanceSimulator> {
  return startBinanceSimulator({ market, pushIntervalMs: 20_000 });
}

export function parseCandleLines(lines: readonly string[]): Candle[] {
  return lines.filter((line) => line.length > 0).map((line) => JSON.parse(line) as Candle);
}

/** Open times step by exactly `stepMs`: none missing, none repeated, in order. */
export function openTimeSteps(candles: readonly Candle[]): number[] {
  return candles.slice(1).map((candle, index) => candle.openTime - (candles[index] as Candle).openTime);
}
