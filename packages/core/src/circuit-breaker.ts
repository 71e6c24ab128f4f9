import { OhlcvError } from './errors';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. @default 5 */
  failureThreshold?: number;
  /** How long an open breaker refuses requests before it allows one trial. @default 30_000 */
  resetTimeoutMs?: number;
  /** Time source in ms. @default Date.now */
  now?: () => number;
}

/**
 * Closed: requests pass; `failureThreshold` consecutive failures open it. Open: requests are refused
 * until `retryAt`, then it is half-open and lets exactly one trial through; the trial's success
 * closes it, its failure opens it again for another `resetTimeoutMs`. A trial that never reports
 * back is given up after `resetTimeoutMs`, so the breaker cannot wedge.
 */
export class CircuitBreaker {
  readonly #failureThreshold: number;
  readonly #resetTimeoutMs: number;
  readonly #now: () => number;
  #failures = 0;
  #open = false;
  #retryAt = 0;
  #trialStartedAt: number | undefined;

  constructor(options: CircuitBreakerOptions = {}) {
    this.#failureThreshold = options.failureThreshold ?? 5;
    this.#resetTimeoutMs = options.resetTimeoutMs ?? 30_000;
    this.#now = options.now ?? Date.now;
    if (!Number.isInteger(this.#failureThreshold) || this.#failureThreshold < 1) {
      throw new OhlcvError(
        `circuit breaker failureThreshold must be an integer >= 1, got ${this.#failureThreshold}`,
        {
          code: 'config',
        },
      );
    }
    if (!Number.isFinite(this.#resetTimeoutMs) || this.#resetTimeoutMs < 0) {
      throw new OhlcvError(
        `circuit breaker resetTimeoutMs must be a finite number >= 0, got ${this.#resetTimeoutMs}`,
        {
          code: 'config',
        },
      );
    }
  }

  get state(): CircuitState {
    if (!this.#open) return 'closed';
    return this.#now() >= this.#retryAt ? 'half-open' : 'open';
  }

  /** When an open (or half-open) breaker allows its next trial; undefined while closed. */
  get retryAt(): number | undefined {
    return this.#open ? this.#retryAt : undefined;
  }

  /** Consecutive failures counted while closed. */
  get failures(): number {
    return this.#failures;
  }

  /** Whether a request may go now. In half-open state the first call takes the one trial. */
  canRequest(): boolean {
    if (!this.#open) return true;
    const now = this.#now();
    if (now < this.#retryAt) return false;
    if (this.#trialStartedAt !== undefined && now - this.#trialStartedAt < this.#resetTimeoutMs) return false;
    this.#trialStartedAt = now;
    return true;
  }

  recordSuccess(): void {
    this.#open = false;
    this.#failures = 0;
    this.#trialStartedAt = undefined;
  }

  recordFailure(): void {
    const now = this.#now();
    if (this.#open) {
      // A late failure from before the breaker opened does not extend it; a failed trial does.
      if (this.#trialStartedAt === undefined && now < this.#retryAt) return;
      this.#trip(now);
      return;
    }
    this.#failures += 1;
    if (this.#failures >= this.#failureThreshold) this.#trip(now);
  }

  #trip(now: number): void {
    this.#open = true;
    this.#retryAt = now + this.#resetTimeoutMs;
    this.#trialStartedAt = undefined;
  }
}
