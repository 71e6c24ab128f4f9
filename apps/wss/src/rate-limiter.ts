/**
 * A token bucket: `perSecond` tokens per second on average, bursts up to `burst` (default
 * `perSecond`). Operations of several tokens (a history join of N candles) take them at once.
 */
export class RateLimiter {
  readonly #perSecond: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #updatedAt: number;

  constructor(perSecond: number, now: () => number = Date.now, burst = perSecond) {
    this.#perSecond = perSecond;
    this.#burst = burst;
    this.#now = now;
    this.#tokens = burst;
    this.#updatedAt = now();
  }

  /** Takes `count` tokens; false (and nothing taken) when the bucket holds fewer. */
  take(count = 1): boolean {
    this.#refill();
    if (this.#tokens < count) return false;
    this.#tokens -= count;
    return true;
  }

  /** Milliseconds until `count` tokens are available (0 = now; Infinity = never, more than the burst). */
  waitMs(count = 1): number {
    this.#refill();
    if (count > this.#burst) return Number.POSITIVE_INFINITY;
    if (this.#tokens >= count) return 0;
    return Math.ceil(((count - this.#tokens) * 1000) / this.#perSecond);
  }

  #refill(): void {
    const now = this.#now();
    const elapsed = now - this.#updatedAt;
    if (elapsed > 0) {
      this.#tokens = Math.min(this.#burst, this.#tokens + (elapsed * this.#perSecond) / 1000);
      this.#updatedAt = now;
    }
  }
}
