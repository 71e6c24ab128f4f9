import type { Candle } from '@ohlcv/core';
import type { CandleFormatter } from './candle-formatter';

export const CSV_COLUMNS = [
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
] as const;

function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function candleToCsv(candle: Candle): string {
  return CSV_COLUMNS.map((column) => csvField(candle[column])).join(',');
}

export const csvFormatter: CandleFormatter = {
  header: () => CSV_COLUMNS.join(','),
  format: (candle) => candleToCsv(candle),
};
