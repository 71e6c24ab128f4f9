/**
 * Lets one log line through per `intervalMs` for a noisy event (failed auth, refused connections);
 * the line that gets through carries how many were suppressed since the last one.
 */
export class LogThrottle {
  readonly #intervalMs: number;
  readonly #now: () => number;
  #lastAt = Number.NEGATIVE_INFINITY;
  #suppressed = 0;

  constructor(intervalMs: number, now: () => number = Date.now) {
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  /** The count suppressed since the last line when this one may be logged; undefined when it may not. */
  take(): number | undefined {
    const now = this.#now();
    if (now - this.#lastAt < this.#intervalMs) {
      this.#suppressed += 1;
      return undefined;
    }
    this.#lastAt = now;
    const suppressed = this.#suppressed;
    this.#suppressed = 0;
    return suppressed;
  }
}
