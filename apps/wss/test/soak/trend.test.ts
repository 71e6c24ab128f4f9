import { describe, expect, it } from 'vitest';
import {
  boundedGrowth,
  floorTrend,
  linearFit,
  medianBelow,
  type Point,
  robustSlope,
  windowMinima,
} from './trend';

/** A sample every 5 s of a 5-minute run (x in minutes), like `pnpm soak --minutes 5`. */
function run(value: (minute: number) => number): Point[] {
  return Array.from({ length: 60 }, (_, index) => {
    const x = ((index + 1) * 5) / 60;
    return { x, y: value(x) };
  });
}

/** A climb of `amplitude` over each `period`, dropping back at each collection. */
const sawtooth =
  (period: number, amplitude: number, phase = 0) =>
  (minute: number) =>
    amplitude * (((minute + phase) % period) / period);

/** The rule the soak used before: a least-squares line through the second half of the raw samples. */
function naiveUpward(samples: readonly Point[]): boolean {
  const half = samples.slice(Math.floor(samples.length / 2));
  const span = half.at(-1)!.x - half[0]!.x;
  const mean = half.reduce((sum, point) => sum + point.y, 0) / half.length;
  return linearFit(half).slope * span > Math.max(0.1 * mean, 16);
}

const HEAP_RULE = { windowX: 1, warmUpX: 1, relative: 0.1, absolute: 4 };
const RSS_RULE = { windowX: 1, warmUpX: 1, relative: 0.25, absolute: 32 };

describe('soak trend rules', () => {
  it('fits a line, and a robust slope that one outlier cannot tilt', () => {
    expect(linearFit(run((x) => 1 + 2 * x)).slope).toBeCloseTo(2, 9);
    expect(linearFit([{ x: 0, y: 4 }]).slope).toBe(0);
    const withSpike = [0, 1, 2, 3, 4, 5].map((x) => ({ x, y: x === 5 ? 500 : 10 }));
    expect(linearFit(withSpike).slope).toBeGreaterThan(50);
    expect(robustSlope(withSpike)).toBe(0);
  });

  it('takes the minimum of each window after warm-up, each with its own x', () => {
    const points = [0.2, 0.5, 1.1, 1.4, 1.9, 2.3, 2.8].map((x, index) => ({
      x,
      y: [9, 1, 5, 3, 4, 7, 6][index]!,
    }));
    expect(windowMinima(points, 1, 1)).toEqual([
      { x: 1.4, y: 3 },
      { x: 2.8, y: 6 },
    ]);
    expect(() => windowMinima(points, 0)).toThrow('window must be > 0, got 0');
  });

  it('reads a slow RSS sawtooth ending on a climb as bounded, where the old second-half line called it a rise', () => {
    // The allocator's sawtooth of docs/reliability.md: 2.5-minute teeth, the second half one whole climb.
    const rss = run((x) => 100 + sawtooth(2.5, 40)(x));
    expect(naiveUpward(rss)).toBe(true);
    expect(boundedGrowth(rss, RSS_RULE)).toMatchObject({ exceeded: false });
  });

  it('catches RSS that keeps growing however it saws', () => {
    const rss = run((x) => 100 + 30 * x + sawtooth(0.9, 20)(x));
    const verdict = boundedGrowth(rss, RSS_RULE);
    expect(verdict.exceeded).toBe(true);
    expect(verdict.last).toBeGreaterThan(verdict.limit);
  });

  it('reads a heap sawtooth over a flat floor as flat', () => {
    for (const phase of [0, 0.3, 0.6]) {
      const heap = run((x) => 60 + sawtooth(0.9, 70, phase)(x));
      expect(floorTrend(heap, HEAP_RULE), `phase ${phase}`).toMatchObject({ upward: false });
    }
  });

  it('catches a slow leak under a sawtooth that the old rule missed (the run ended right after a collection)', () => {
    const heap = run((x) => 60 + 4 * x + sawtooth(0.9, 70, 0.75)(x));
    expect(naiveUpward(heap)).toBe(false);
    const verdict = floorTrend(heap, HEAP_RULE);
    expect(verdict.upward).toBe(true);
    expect(verdict.rise).toBeGreaterThan(verdict.tolerance);
  });

  it('judges post-GC heap: noise is flat, a retained 2 MB a minute is a leak', () => {
    const noise = [0.8, -1.1, 0.3, 1.6, -0.4, -1.7, 0.9, 0.1, -0.6, 1.2];
    const flat = run((x) => 42 + noise[Math.round(x * 12) % noise.length]!);
    expect(floorTrend(flat, HEAP_RULE)).toMatchObject({ upward: false, windows: 5 });
    const leaking = run((x) => 42 + 2 * x + noise[Math.round(x * 12) % noise.length]!);
    expect(floorTrend(leaking, HEAP_RULE)).toMatchObject({ upward: true });
  });

  it('does not call a trend from fewer than three windows', () => {
    const short = [1, 1.5, 2, 2.5].map((x) => ({ x, y: x * 100 }));
    expect(floorTrend(short, HEAP_RULE)).toMatchObject({ windows: 2, upward: false });
  });

  it('bounds the event-loop delay by its median after warm-up (a load figure, not a trend)', () => {
    const delays = run((x) => (x < 1 ? 900 : x > 4.5 ? 700 : 40));
    expect(medianBelow(delays, { warmUpX: 1, ceiling: 500 })).toMatchObject({ median: 40, exceeded: false });
    expect(
      medianBelow(
        run(() => 800),
        { warmUpX: 1, ceiling: 500 },
      ).exceeded,
    ).toBe(true);
  });
});
