/** A finite number from a JSON number or numeric string; `NaN` for anything else. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value === 'string' && value.length > 0) return Number(value);
  return Number.NaN;
}

export { isRecord } from '@ohlcv/core';
