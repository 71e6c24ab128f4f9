import type { Candle } from '@ohlcv/core';

export type OutputFormat = 'pretty' | 'ndjson' | 'csv';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['pretty', 'ndjson', 'csv'];

/** Turns candles into output lines (without the trailing newline). */
export interface CandleFormatter {
  /** Header line, if the format has one. */
  header(): string | undefined;
  format(candle: Candle, source: 'live' | 'rest'): string;
}
