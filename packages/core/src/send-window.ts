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
 * recent sends, so the whole allowance can go out at once and each slot frees `perMs`
 * (+ {@link ARRIVAL_GUARD_MS}) after the send that used it — or, for a request the venue answered,
 * `perMs` after the answer arrived, if that is later: the venue counted the request before it
 * answered, so however late its event loop got to it, the next send in that slot comes more than
 * `perMs` after it. Every frame the venue counts (subscribes, app pings, pongs) must go through
 * `waitMs`/`record`; `record` without waiting overdraws the window, and later sends wait longer.
 */
export class SendWindow {
  readonly #messages: number;
  readonly #perMs: number;
  readonly #spanMs: number;
  readonly #now: () => number;
  /** When each recent send's slot frees, in send order. */
  readonly #freesAt: number[] = [];
  /** The request id of each recent send still waiting for its answer (undefined: none expected). */
  readonly #ids: Array<number | undefined> = [];

  constructor(messages: number, perMs: number, now: () => number) {
    if (!(messages >= 1) || !(perMs > 0)) {
      throw new RangeError(`a send window needs messages ≥ 1 and perMs > 0, got ${messages} per ${perMs} ms`);
    }
    this.#messages = Math.floor(messages);
    this.#perMs = perMs;
    this.#spanMs = perMs + ARRIVAL_GUARD_MS;
    this.#now = now;
  }

  /** Milliseconds until one more send fits the window; 0 if it does now. */
  waitMs(): number {
    const now = this.#now();
    this.#prune(now);
    const excess = this.#freesAt.length - this.#messages;
    if (excess < 0) return 0;
    const sorted = this.#freesAt.slice().sort((a, b) => a - b);
    return Math.max(1, (sorted[excess] as number) - now);
  }

  /** A send now; `requestId` if the venue answers it (its slot then frees `perMs` after the answer). */
  record(requestId?: number): void {
    const now = this.#now();
    this.#prune(now);
    this.#freesAt.push(now + this.#spanMs);
    this.#ids.push(requestId);
  }

  /** The venue answered request `requestId`: its slot frees no sooner than `perMs` from now. */
  answered(requestId: number): void {
    const index = this.#ids.indexOf(requestId);
    if (index < 0) return;
    this.#ids[index] = undefined;
    this.#freesAt[index] = Math.max(this.#freesAt[index] as number, this.#now() + this.#perMs);
  }

  #prune(now: number): void {
    let kept = 0;
    for (let index = 0; index < this.#freesAt.length; index++) {
      const freesAt = this.#freesAt[index] as number;
      if (freesAt <= now) continue;
      this.#freesAt[kept] = freesAt;
      this.#ids[kept] = this.#ids[index];
      kept++;
    }
    this.#freesAt.length = kept;
    this.#ids.length = kept;
  }
}
