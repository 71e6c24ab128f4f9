/** Reading the candle lines the CLI prints. */
import type { Candle } from '@ohlcv/core';

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

/** The candles of NDJSON lines (empty lines skipped). */
export function parseCandleLines(lines: readonly string[]): Candle[] {
  return lines.filter((line) => line.length > 0).map((line) => JSON.parse(line) as Candle);
}

/** Differences between consecutive open times: all one interval means none missing, none repeated, in order. */
export function openTimeSteps(candles: readonly Candle[]): number[] {
  return candles.slice(1).map((candle, index) => candle.openTime - (candles[index] as Candle).openTime);
}
