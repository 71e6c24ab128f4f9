/**
 * Trend rules of the soak run. A garbage-collected process's memory is a sawtooth: it climbs between
 * collections and drops at each. A line fitted through raw samples reads the phase of that sawtooth
 * (a run that ends on a climb "rises"), so the rules here look at the floor of the series instead: the
 * minimum of each window, which is the level right after a collection. A leak raises the floor; a
 * sawtooth does not.
 */
export interface Point {
  x: number;
  y: number;
}

/** Least-squares line through (x, y) points: slope per unit of x. */
export function linearFit(points: readonly Point[]): { slope: number; intercept: number } {
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

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Theil–Sen slope: the median of the slopes between every pair of points (one outlier cannot tilt it). */
export function robustSlope(points: readonly Point[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      const dx = points[j]!.x - points[i]!.x;
      if (dx !== 0) slopes.push((points[j]!.y - points[i]!.y) / dx);
    }
  }
  return slopes.length === 0 ? 0 : median(slopes);
}

/**
 * The lowest sample of each window of `windowX` (counted from `fromX`), samples before `fromX`
 * dropped (warm-up). Each minimum keeps its own x. A window without samples yields nothing.
 */
export function windowMinima(points: readonly Point[], windowX: number, fromX = 0): Point[] {
  if (!(windowX > 0)) throw new Error(`window must be > 0, got ${windowX}`);
  const minima = new Map<number, Point>();
  for (const point of points) {
    if (point.x < fromX || !Number.isFinite(point.y)) continue;
    const window = Math.floor((point.x - fromX) / windowX);
    const current = minima.get(window);
    if (current === undefined || point.y < current.y) minima.set(window, point);
  }
  return [...minima.entries()].sort(([a], [b]) => a - b).map(([, point]) => point);
}

export interface FloorRule {
  /** Width of a window, in x units (the soak: minutes). */
  windowX: number;
  /** Samples before this x are warm-up (caches, JIT, pools filling) and not judged. */
  warmUpX: number;
  /** Largest rise of the floor tolerated over the judged span, as a share of the floor's level... */
  relative: number;
  /** ...or this many units, whichever is larger (noise floor). */
  absolute: number;
}

export interface FloorVerdict {
  /** Rise of the floor over the judged span (robust slope × span), in the series' unit. */
  rise: number;
  tolerance: number;
  /** Median of the window minima. */
  level: number;
  windows: number;
  upward: boolean;
}

/** Whether the floor of a series (its per-window minima after warm-up) trends upward. */
export function floorTrend(samples: readonly Point[], rule: FloorRule): FloorVerdict {
  const minima = windowMinima(samples, rule.windowX, rule.warmUpX);
  const level = median(minima.map((point) => point.y));
  const span = minima.length > 1 ? minima.at(-1)!.x - minima[0]!.x : 0;
  const rise = robustSlope(minima) * span;
  const tolerance = Math.max(rule.relative * level, rule.absolute);
  return { rise, tolerance, level, windows: minima.length, upward: minima.length >= 3 && rise > tolerance };
}

export interface BoundVerdict {
  /** Floor of the first judged window and of the last. */
  first: number;
  last: number;
  limit: number;
  exceeded: boolean;
}

/**
 * Bounded growth, for a series too noisy to read a slope from (RSS: the allocator returns memory to
 * the system late and in steps): the last window's floor stays under `relative` × the first judged
 * window's floor + `absolute`.
 */
export function boundedGrowth(samples: readonly Point[], rule: FloorRule): BoundVerdict {
  const minima = windowMinima(samples, rule.windowX, rule.warmUpX);
  const first = minima[0]?.y ?? Number.NaN;
  const last = minima.at(-1)?.y ?? Number.NaN;
  const limit = (1 + rule.relative) * first + rule.absolute;
  return { first, last, limit, exceeded: !(last <= limit) };
}

/** Median of the samples after warm-up, against a ceiling (event-loop delay: load-dependent, not a trend). */
export function medianBelow(
  samples: readonly Point[],
  rule: { warmUpX: number; ceiling: number },
): { median: number; ceiling: number; exceeded: boolean } {
  const value = median(samples.filter((point) => point.x >= rule.warmUpX).map((point) => point.y));
  return { median: value, ceiling: rule.ceiling, exceeded: !(value <= rule.ceiling) };
}
