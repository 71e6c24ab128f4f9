import { describe, expect, it } from 'vitest';
import { HoleFinder } from './candle-holes';

const M = 60_000;

function holesOf(from: number, to: number, stored: number[]) {
  const finder = new HoleFinder('1m', from, to);
  for (const openTime of stored) finder.see(openTime);
  return finder.holes();
}

describe('HoleFinder', () => {
  it('reports the whole range when nothing is stored', () => {
    expect(holesOf(0, 5 * M, [])).toEqual([{ from: 0, to: 5 * M }]);
  });

  it('reports nothing when every open time is stored', () => {
    expect(holesOf(0, 3 * M, [0, M, 2 * M])).toEqual([]);
  });

  it('reports the stretches between, before and after stored candles', () => {
    expect(holesOf(0, 10 * M, [2 * M, 3 * M, 6 * M])).toEqual([
      { from: 0, to: 2 * M },
      { from: 4 * M, to: 6 * M },
      { from: 7 * M, to: 10 * M },
    ]);
  });

  it('starts at the first aligned open time at or after from, and ignores off-grid times', () => {
    expect(holesOf(30_000, 3 * M, [M, M + 5, 2 * M])).toEqual([]);
    expect(holesOf(30_000, 3 * M, [2 * M])).toEqual([{ from: M, to: 2 * M }]);
  });

  it('handles calendar months', () => {
    const jan = Date.UTC(2025, 0, 1);
    const feb = Date.UTC(2025, 1, 1);
    const apr = Date.UTC(2025, 3, 1);
    const finder = new HoleFinder('1M', jan, apr);
    finder.see(feb);
    expect(finder.holes()).toEqual([
      { from: jan, to: feb },
      { from: Date.UTC(2025, 2, 1), to: apr },
    ]);
  });
});
