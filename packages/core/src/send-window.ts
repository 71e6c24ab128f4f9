/**
 * Frames a venue's counter may see arrive sooner after one another than we sent them (the socket
 * and the venue's event loop delay the first of two frames more than the second). A send leaves our
 * window this much later than `perMs` after it, so the venue's own sliding window never counts one
 * more than its limit; it costs `ARRIVAL_GUARD_MS` per full window (2.5 % of a 1 s window).
 */
export const ARRIVAL_GUARD_MS = 25;

/**
 * At most `messages` sends in any `perMs` window, as venues count them (a token bucket of the same
 * size would let twice as many through one window: its full capacity plus its refill). Keeps the
 * times of recent sends, so the whole allowance can go out at once and each slot frees exactly
 * `perMs` (+ {@link ARRIVAL_GUARD_MS}) after the send that used it. Every frame the venue counts
 * (subscribes, app pings, pongs) must go through `waitMs`/`record`; `record` without waiting
 * overdraws the window, and later sends wait longer.
 */
export class SendWindow {
  readonly #messages: number;
  readonly #spanMs: number;
  readonly #now: () => number;
  /** Times of the sends within the last span, oldest first. */
  readonly #sentAt: number[] = [];

  constructor(messages: number, perMs: number, now: () => number) {
    if (!(messages >= 1) || !(perMs > 0)) {
      throw new RangeError(`a send window needs messages ≥ 1 and perMs > 0, got ${messages} per ${perMs} ms`);
    }
    this.#messages = Math.floor(messages);
    this.#spanMs = perMs + ARRIVAL_GUARD_MS;
    this.#now = now;
  }

  /** Milliseconds until one more send fits the window; 0 if it does now. */
  waitMs(): number {
    const now = this.#now();
    this.#prune(now);
    const excess = this.#sentAt.length - this.#messages;
    if (excess < 0) return 0;
    return Math.max(1, (this.#sentAt[excess] as number) + this.#spanMs - now);
  }

  record(): void {
    const now = this.#now();
    this.#prune(now);
    this.#sentAt.push(now);
  }

  #prune(now: number): void {
    const since = now - this.#spanMs;
    let expired = 0;
    while (expired < this.#sentAt.length && (this.#sentAt[expired] as number) <= since) expired++;
    if (expired > 0) this.#sentAt.splice(0, expired);
  }
}
