import { type Candle, type Interval, nextOpenTime } from '@ohlcv/core';
import { expect } from 'vitest';
import type { VenueSimulator } from '../simulator-types';

/** The candle equals the venue's final candle at its open time (prices to 6 decimals). */
export function expectSameCandle(actual: Candle, expected: Candle | undefined): void {
  expect(expected, `the venue has a candle at ${new Date(actual.openTime).toISOString()}`).toBeDefined();
  if (!expected) return;
  expect(actual.symbol).toBe(expected.symbol);
  expect(actual.interval).toBe(expected.interval);
  expect(actual.openTime).toBe(expected.openTime);
  expect(actual.closeTime).toBe(expected.closeTime);
  for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
    expect(actual[field], field).toBeCloseTo(expected[field], 6);
  }
}

/** Closed candles strictly consecutive (no gap where the venue has candles), each once. */
export function expectConsecutive(candles: Candle[], simulator: VenueSimulator, interval: Interval): void {
  for (let index = 1; index < candles.length; index += 1) {
    const previous = candles[index - 1]!;
    const current = candles[index]!;
    expect(current.openTime, 'closed candles strictly increase').toBeGreaterThan(previous.openTime);
    for (
      let t = nextOpenTime(interval, previous.openTime);
      t < current.openTime;
      t = nextOpenTime(interval, t)
    ) {
      expect(
        simulator.candleAt(current.symbol, interval, t),
        `no candle skipped at ${new Date(t).toISOString()}`,
      ).toBeUndefined();
    }
  }
}

/** Every candle the venue has for open times in [from, to), ascending. */
export function venueCandles(
  simulator: VenueSimulator,
  symbol: string,
  interval: Interval,
  from: number,
  to: number,
): Candle[] {
  const out: Candle[] = [];
  for (let t = from; t < to; t = nextOpenTime(interval, t)) {
    const candle = simulator.candleAt(symbol, interval, t);
    if (candle) out.push(candle);
  }
  return out;
}

/** `actual` is exactly the venue's candles of the range: none lost, none repeated, ascending, closed, same values. */
export function expectVenueRange(actual: readonly Candle[], expected: readonly Candle[], what: string): void {
  expect(
    actual.map((candle) => candle.openTime),
    `${what}: the open times`,
  ).toEqual(expected.map((candle) => candle.openTime));
  for (const [index, candle] of actual.entries()) {
    expect(candle.closed, `${what}: closed`).toBe(true);
    expectSameCandle(candle, expected[index]);
  }
}
