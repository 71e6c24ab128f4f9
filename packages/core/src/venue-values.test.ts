import { describe, expect, it } from 'vitest';
import { isFiniteOhlcv, isRecord, parseDecimal, parseInteger, snippet, venueTimeOf } from './venue-values';

describe('venue values', () => {
  it('reads decimal strings and numbers, NaN otherwise', () => {
    expect(parseDecimal('0.0010')).toBe(0.001);
    expect(parseDecimal(42)).toBe(42);
    for (const bad of ['', 'abc', null, undefined, {}]) expect(parseDecimal(bad)).toBeNaN();
  });

  it('reads safe integers only', () => {
    expect(parseInteger(1672515780000)).toBe(1672515780000);
    for (const bad of ['1', 1.5, 2 ** 60, null]) expect(parseInteger(bad)).toBeNaN();
  });

  it('tells plain objects from arrays and null', () => {
    expect(isRecord({ a: 1 })).toBe(true);
    for (const bad of [[], null, 'x', 1]) expect(isRecord(bad)).toBe(false);
  });

  it('cuts long text for messages', () => {
    expect(snippet('abc')).toBe('abc');
    expect(snippet('x'.repeat(200))).toHaveLength(161);
  });

  it("reads the venue's clock from the Date header", () => {
    const response = { url: '', status: 200, body: '', headers: { date: 'Thu, 01 Jan 2026 00:01:00 GMT' } };
    expect(venueTimeOf(response)).toBe(Date.UTC(2026, 0, 1, 0, 1));
    expect(venueTimeOf({ ...response, headers: {} })).toBeUndefined();
    expect(venueTimeOf({ ...response, headers: { date: 'soon' } })).toBeUndefined();
  });
});

describe('isFiniteOhlcv', () => {
  it('holds only when all five numbers are finite', () => {
    expect(isFiniteOhlcv(1, 2, 0.5, 1.5, 10)).toBe(true);
    expect(isFiniteOhlcv(1, 2, 0.5, 1.5, Number.NaN)).toBe(false);
    expect(isFiniteOhlcv(Number.POSITIVE_INFINITY, 2, 0.5, 1.5, 10)).toBe(false);
  });
});
