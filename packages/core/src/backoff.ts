import { OhlcvError } from './errors';

export interface BackoffOptions {
  /** Ceiling of the first delay. @default 500 */
  initialMs?: number;
  /** Largest ceiling any delay may have. @default 30_000 */
  maxMs?: number;
  /** Growth of the ceiling per attempt. @default 2 */
  multiplier?: number;
  /** A connection must stay up this long before the attempt counter starts over. @default 60_000 */
  stableAfterMs?: number;
  /** Random source in [0, 1) for the jitter. @default Math.random */
  random?: () => number;
  /** Time source in ms. @default Date.now */
  now?: () => number;
}

/**
 * Exponential backoff with full jitter: the delay before attempt `n` (from 0) is
 * `random() * min(maxMs, initialMs * multiplier ** n)`.
 *
 * A success does not reset the counter at once: only a connection that stayed up `stableAfterMs`
 * does, so a flapping connection keeps backing off instead of hammering the venue.
 */
export class Backoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #multiplier: number;
  readonly #stableAfterMs: number;
  readonly #random: () => number;
  readonly #now: () => number;
  #attempt = 0;
  #upSince: number | undefined;

  constructor(options: BackoffOptions = {}) {
    this.#initialMs = checkNumber('initialMs', options.initialMs ?? 500, 0);
    this.#maxMs = checkNumber('maxMs', options.maxMs ?? 30_000, this.#initialMs);
    this.#multiplier = checkNumber('multiplier', options.multiplier ?? 2, 1);
    this.#stableAfterMs = checkNumber('stableAfterMs', options.stableAfterMs ?? 60_000, 0);
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
  }

  /** Attempts counted since the last stable connection (or reset). */
  get attempt(): number {
    return this.#attempt;
  }

  /** The delay before the next attempt; counts the attempt. */
  next(): number {
    if (this.#upSince !== undefined && this.#now() - this.#upSince >= this.#stableAfterMs) this.#attempt = 0;
    this.#upSince = undefined;
    const ceiling = Math.min(this.#maxMs, this.#initialMs * this.#multiplier ** this.#attempt);
    this.#attempt += 1;
    return this.#random() * ceiling;
  }

  /** The connection is up as of now; the counter resets if it is still up `stableAfterMs` later. */
  succeeded(): void {
    this.#upSince = this.#now();
  }

  /** Start over: the next delay is drawn from the first ceiling again. */
  reset(): void {
    this.#attempt = 0;
    this.#upSince = undefined;
  }
}

function checkNumber(name: string, value: number, minimum: number): number {
  if (!Number.isFinite(value) || value < minimum) {
    throw new OhlcvError(`backoff option ${name} must be a finite number >= ${minimum}, got ${value}`, {
      code: 'config',
    });
  }
  return value;
}
