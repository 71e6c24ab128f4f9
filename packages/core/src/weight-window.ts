/**
 * At most `capacity` weight in any `perMs` window, as venues count a REST budget (OKX: 20 requests
 * per 2 s). A token bucket of the same size would let up to twice that through one window: its full
 * capacity plus its refill. `take` reserves a slot and says how long to wait for it, so concurrent
 * callers queue in order without overdrawing the window.
 */
export class WeightWindow {
  readonly capacity: number;
  readonly #perMs: number;
  readonly #now: () => number;
  /** Reserved sends (time, weight) within the last `perMs` or still ahead, in time order. */
  readonly #sends: Array<{ at: number; weight: number }> = [];

  constructor(capacity: number, perMs: number, now: () => number) {
    this.capacity = Math.max(1, capacity);
    this.#perMs = perMs;
    this.#now = now;
  }

  /**
   * Reserves `weight` (at most the capacity) for the first time from `earliest` (default now) at which
   * it fits, and returns the ms from now to that time; 0 if now.
   */
  take(weight: number, earliest?: number): number {
    const now = this.#now();
    this.#prune(now);
    const wanted = Math.min(Math.max(0, weight), this.capacity);
    let at = Math.max(now, earliest ?? now, this.#sends.at(-1)?.at ?? now);
    let total = 0;
    let oldest = 0;
    for (const send of this.#sends) if (send.at > at - this.#perMs) total += send.weight;
    while (oldest < this.#sends.length && (this.#sends[oldest] as { at: number }).at <= at - this.#perMs)
      oldest++;
    while (total + wanted > this.capacity && oldest < this.#sends.length) {
      const send = this.#sends[oldest] as { at: number; weight: number };
      at = Math.max(at, send.at + this.#perMs);
      total -= send.weight;
      oldest++;
    }
    this.#sends.push({ at, weight: wanted });
    return at - now;
  }

  #prune(now: number): void {
    const since = now - this.#perMs;
    let expired = 0;
    while (expired < this.#sends.length && (this.#sends[expired] as { at: number }).at <= since) expired++;
    if (expired > 0) this.#sends.splice(0, expired);
  }
}
