import type { InstrumentIndex } from '@ohlcv/core';

/** A venue number given as a decimal string (or a JSON number); NaN for anything else, `""` included. */
export function decimal(value: unknown): number {
  if (typeof value === 'string') return value.length === 0 ? Number.NaN : Number(value);
  if (typeof value === 'number') return value;
  return Number.NaN;
}

/** Whole milliseconds (or a count) given as a JSON number; NaN otherwise. */
export function integer(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : Number.NaN;
}

/** USD per contract of a COIN-M symbol, when the instrument list says. */
export function contractSizeOf(instruments: InstrumentIndex | undefined, symbol: string): number | undefined {
  if (instruments === undefined) return undefined;
  const size = instruments.get(symbol)?.contractSize;
  return size !== undefined && Number.isFinite(size) && size > 0 ? size : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
