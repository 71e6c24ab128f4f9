import type { Clock, TimerHandle } from '../clock';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** A clock whose time moves only by `advance`: the engine's timers run on it, sockets stay real. */
export class ManualClock implements Clock {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, Timer>();

  constructor(start = Date.UTC(2030, 0, 1)) {
    this.#now = start;
  }

  now = (): number => this.#now;

  setTimeout = (callback: () => void, ms: number): TimerHandle => {
    const id = this.#nextId++;
    this.#timers.set(id, { id, at: this.#now + Math.max(0, ms), callback });
    return id;
  };

  clearTimeout = (handle: TimerHandle): void => {
    if (typeof handle === 'number') this.#timers.delete(handle);
  };

  /** Timers pending. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, running due timers in order (and timers they set within the span). */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      let due: Timer | undefined;
      for (const timer of this.#timers.values()) {
        if (
          timer.at <= end &&
          (due === undefined || timer.at < due.at || (timer.at === due.at && timer.id < due.id))
        )
          due = timer;
      }
      if (!due) break;
      this.#timers.delete(due.id);
      this.#now = Math.max(this.#now, due.at);
      due.callback();
    }
    this.#now = end;
  }
}

/**
 * Moves `clock` forward `stepMs` at a time (letting real I/O happen between steps) until `check()`
 * holds; rejects after `timeoutMs` real ms naming `what`.
 */
export async function advanceUntil(
  clock: ManualClock,
  stepMs: number,
  check: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    clock.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
