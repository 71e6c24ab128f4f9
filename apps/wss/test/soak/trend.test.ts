import { describe, expect, it } from 'vitest';
import { linearFit, upwardTrend } from './trend';

const series = (values: number[]) => values.map((y, x) => ({ x, y }));

describe('soak trend', () => {
  it('fits a line', () => {
    expect(linearFit(series([1, 3, 5, 7]))).toEqual({ slope: 2, intercept: 1 });
    expect(linearFit(series([4])).slope).toBe(0);
  });

  it('flags a leak in the second half, not warm-up growth or noise', () => {
    const tolerance = { relative: 0.05, absolute: 8 };
    const warmUpThenFlat = series([50, 80, 100, 110, 112, 111, 113, 112, 111, 112]);
    expect(upwardTrend(warmUpThenFlat, tolerance).upward).toBe(false);
    const leak = series([100, 102, 104, 106, 108, 110, 115, 120, 125, 130]);
    expect(upwardTrend(leak, tolerance)).toMatchObject({ upward: true });
    const noisy = series([100, 120, 95, 118, 97, 121, 96, 119, 98, 120]);
    expect(upwardTrend(noisy, tolerance).upward).toBe(false);
  });
});
