export { isRecord, parseDecimal as decimal, snippet } from '@ohlcv/core';

/** A ms timestamp given as a string of digits (`"1597026383085"`); NaN otherwise. */
export function timestamp(value: unknown): number {
  if (typeof value !== 'string' || value.length === 0) return Number.NaN;
  const time = Number(value);
  return Number.isSafeInteger(time) && time >= 0 ? time : Number.NaN;
}

/** A non-empty string, else undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
