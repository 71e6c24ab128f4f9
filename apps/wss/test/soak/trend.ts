/** Least-squares line through (x, y) points: slope per unit of x. */
export function linearFit(points: ReadonlyArray<{ x: number; y: number }>): {
  slope: number;
  intercept: number;
} {
  const n = points.length;
  if (n < 2) return { slope: 0, intercept: points[0]?.y ?? 0 };
  let sumX = 0;
  let sumY = 0;
  for (const point of points) {
    sumX += point.x;
    sumY += point.y;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let numerator = 0;
  let denominator = 0;
  for (const point of points) {
    numerator += (point.x - meanX) * (point.y - meanY);
    denominator += (point.x - meanX) ** 2;
  }
  const slope = denominator === 0 ? 0 : numerator / denominator;
  return { slope, intercept: meanY - slope * meanX };
}

export interface TrendVerdict {
  /** Rise of the fitted line over the second half of the run, in the series' unit. */
  rise: number;
  /** Largest rise tolerated: max(`relative` × the second half's mean, `absolute`). */
  tolerance: number;
  upward: boolean;
}

/**
 * Whether a series trends upward: a line fitted to the SECOND half of the samples (the first is
 * warm-up: caches, JIT, pools) rises by more than the tolerance across that half.
 */
export function upwardTrend(
  samples: ReadonlyArray<{ x: number; y: number }>,
  tolerance: { relative: number; absolute: number },
): TrendVerdict {
  const half = samples.slice(Math.floor(samples.length / 2));
  const { slope } = linearFit(half);
  const span = half.length > 1 ? (half.at(-1)?.x ?? 0) - (half[0]?.x ?? 0) : 0;
  const mean = half.reduce((sum, point) => sum + point.y, 0) / Math.max(1, half.length);
  const rise = slope * span;
  const limit = Math.max(tolerance.relative * mean, tolerance.absolute);
  return { rise, tolerance: limit, upward: rise > limit };
}
