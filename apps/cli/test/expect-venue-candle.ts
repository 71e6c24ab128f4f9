/** Compares a candle the CLI printed with the one the simulated venue has. */
import type { Candle } from '@ohlcv/core';
import { expect } from 'vitest';

/** Equal within float rounding (a product such as contracts × contract size may differ in the last bit). */
function expectClose(actual: number | undefined, expected: number, what: string): void {
  expect(actual, what).toBeTypeOf('number');
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );
}

/**
 * The printed candle is the venue's: identity, times and prices exactly, volumes within float
 * rounding, trades where the venue gives them. Quote volume is compared where the CLI printed one (a
 * venue may give it over REST only, e.g. Gate futures).
 */
export function expectVenueCandle(candle: Candle, expected: Candle | undefined): void {
  expect(expected, `the venue has a candle at ${new Date(candle.openTime).toISOString()}`).toBeDefined();
  if (expected === undefined) return;
  const at = new Date(candle.openTime).toISOString();
  expect(candle).toMatchObject({
    exchange: expected.exchange,
    market: expected.market,
    symbol: expected.symbol,
    interval: expected.interval,
    openTime: expected.openTime,
    closeTime: expected.closeTime,
    open: expected.open,
    high: expected.high,
    low: expected.low,
    close: expected.close,
    closed: true,
  });
  expectClose(candle.volume, expected.volume, `volume at ${at}`);
  if (candle.quoteVolume !== undefined) {
    expect(expected.quoteVolume, `the venue has a quote volume at ${at}`).toBeDefined();
    expectClose(candle.quoteVolume, expected.quoteVolume ?? Number.NaN, `quoteVolume at ${at}`);
  }
  expect(candle.trades, `trades at ${at}`).toBe(expected.trades);
}
