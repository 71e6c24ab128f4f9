/**
 * Counters for venue rate limits.
 *
 * How a venue simulator uses them:
 * - `SlidingWindowLimit` per connection for incoming WS messages (real time: clients send in real time):
 *   `if (!limit.hit(Date.now())) connection.close(1008, 'Too many requests')`.
 * - `FixedWindowCounter` for REST weight per clock window (e.g. Binance's UTC minute, virtual time):
 *   `const used = counter.add(weight, clock.now())`, `counter.windowEnd(now)` for `Retry-After`.
 */

/** At most `limit` hits in any `windowMs` span. */
export class SlidingWindowLimit {
  private readonly hits: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {
    if (!(limit > 0)) throw new Error(`rate limit must be > 0, got ${limit}`);
  }

  /** Records a hit at `now`; false if it exceeds the limit. */
  hit(now: number): boolean {
    const since = now - this.windowMs;
    while (this.hits.length > 0 && this.hits[0]! <= since) this.hits.shift();
    this.hits.push(now);
    return this.hits.length <= this.limit;
  }
}

/** Sum of weights per aligned window (`floor(now / windowMs)`), resetting at each window start. */
export class FixedWindowCounter {
  private window = Number.NaN;
  private used = 0;

  constructor(readonly windowMs: number) {}

  /** Adds `weight` at `now`; returns the weight used in the current window. */
  add(weight: number, now: number): number {
    this.roll(now);
    this.used += weight;
    return this.used;
  }

  usedAt(now: number): number {
    this.roll(now);
    return this.used;
  }

  /** First ms of the next window. */
  windowEnd(now: number): number {
    return (Math.floor(now / this.windowMs) + 1) * this.windowMs;
  }

  private roll(now: number): void {
    const window = Math.floor(now / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.used = 0;
    }
  }
}
