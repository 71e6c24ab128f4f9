import { OhlcvError } from './errors';

/** Tolerance for floating-point refill arithmetic, so a wait of exactly `waitTimeMs` suffices. */
const EPSILON = 1e-9;

export type TokenBucketOptions = {
  /** Most tokens the bucket holds; it starts full. */
  capacity: number;
  /** Time source in ms. @default Date.now */
  now?: () => number;
} & ({ refillPerMs: number } | { tokens: number; perMs: number });

/**
 * A rate limit as a token bucket: `capacity` tokens, refilled continuously. It starts no timers;
 * the caller asks how long to wait and schedules itself. Examples: 5 control messages per second
 * (`{ capacity: 5, tokens: 5, perMs: 1000 }`), OKX 480 per hour, a REST weight budget per minute.
 */
export class TokenBucket {
  readonly capacity: number;
  readonly #refillPerMs: number;
  readonly #now: () => number;
  #tokens: number;
  #refilledAt: number;

  constructor(options: TokenBucketOptions) {
    const refillPerMs = 'refillPerMs' in options ? options.refillPerMs : options.tokens / options.perMs;
    if (!Number.isFinite(options.capacity) || options.capacity <= 0) {
      throw new OhlcvError(`token bucket capacity must be a positive number, got ${options.capacity}`, {
        code: 'config',
      });
    }
    if (!Number.isFinite(refillPerMs) || refillPerMs <= 0) {
      throw new OhlcvError(`token bucket refill rate must be a positive number per ms, got ${refillPerMs}`, {
        code: 'config',
      });
    }
    this.capacity = options.capacity;
    this.#refillPerMs = refillPerMs;
    this.#now = options.now ?? Date.now;
    this.#tokens = options.capacity;
    this.#refilledAt = this.#now();
  }

  /** Tokens available now (negative while earlier `take` calls are still being paid off). */
  get available(): number {
    this.#refill();
    return this.#tokens;
  }

  /** Takes `n` tokens if they are available now. */
  tryTake(n = 1): boolean {
    this.#check(n);
    this.#refill();
    if (this.#tokens < n - EPSILON) return false;
    this.#tokens -= n;
    return true;
  }

  /** Milliseconds until `n` tokens are available; 0 if they are now. */
  waitTimeMs(n = 1): number {
    this.#check(n);
    this.#refill();
    return this.#tokens >= n - EPSILON ? 0 : Math.ceil((n - this.#tokens) / this.#refillPerMs);
  }

  /**
   * Reserves `n` tokens now, even if that puts the bucket in debt, and returns how long the caller
   * must wait before using them (0 if they were available). Later callers wait behind the debt,
   * so reservations are served in order.
   */
  take(n = 1): number {
    const waitMs = this.waitTimeMs(n);
    this.#tokens -= n;
    return waitMs;
  }

  /** Empties the bucket, e.g. when the venue says the budget is spent (HTTP 429). */
  drain(): void {
    this.#refill();
    if (this.#tokens > 0) this.#tokens = 0;
  }

  #refill(): void {
    const now = this.#now();
    const elapsed = now - this.#refilledAt;
    if (elapsed <= 0) return;
    this.#tokens = Math.min(this.capacity, this.#tokens + elapsed * this.#refillPerMs);
    this.#refilledAt = now;
  }

  #check(n: number): void {
    if (!Number.isFinite(n) || n <= 0) {
      throw new OhlcvError(`token count must be a positive number, got ${n}`, { code: 'limit_exceeded' });
    }
    if (n > this.capacity) {
      throw new OhlcvError(
        `cannot take ${n} tokens from a bucket of capacity ${this.capacity}; it would never fill`,
        {
          code: 'limit_exceeded',
        },
      );
    }
  }
}
