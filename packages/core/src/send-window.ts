/**
 * At most `messages` sends in any `perMs` window, as venues count them (a token bucket of the same
 * size would let twice as many through one window: its full capacity plus its refill). Keeps the
 * times of recent sends; a forced send (a heartbeat) may overdraw it, and later sends wait longer.
 */
export class SendWindow {
  readonly #messages: number;
  readonly #perMs: number;
  readonly #now: () => number;
  /** Times of the sends within the last `perMs`, oldest first. */
  readonly #sentAt: number[] = [];

  constructor(messages: number, perMs: number, now: () => number) {
    this.#messages = Math.max(1, Math.floor(messages));
    this.#perMs = perMs;
    this.#now = now;
  }

  /** Milliseconds until one more send fits the window; 0 if it does now. */
  waitMs(): number {
    const now = this.#now();
    this.#prune(now);
    const excess = this.#sentAt.length - this.#messages;
    if (excess < 0) return 0;
    return Math.max(1, (this.#sentAt[excess] as number) + this.#perMs - now);
  }

  record(): void {
    const now = this.#now();
    this.#prune(now);
    this.#sentAt.push(now);
  }

  #prune(now: number): void {
    const since = now - this.#perMs;
    let expired = 0;
    while (expired < this.#sentAt.length && (this.#sentAt[expired] as number) <= since) expired++;
    if (expired > 0) this.#sentAt.splice(0, expired);
  }
}
