import type { InstrumentIndex } from '@ohlcv/core';

export { isRecord, parseDecimal as decimal, parseInteger as integer } from '@ohlcv/core';

/** USD per contract of a COIN-M symbol, when the instrument list says. */
export function contractSizeOf(instruments: InstrumentIndex | undefined, symbol: string): number | undefined {
  if (instruments === undefined) return undefined;
  const size = instruments.get(symbol)?.contractSize;
  return size !== undefined && Number.isFinite(size) && size > 0 ? size : undefined;
}
