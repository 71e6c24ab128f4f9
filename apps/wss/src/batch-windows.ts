import type { Clock, TimerHandle } from '@ohlcv/core';

/**
 * Called when a window ends, with the ticket `start` returned. Returns whether that window was still
 * the caller's (false: it was ended early, e.g. by a reply, and the ticket is stale).
 */
export type WindowEnd = (ticket: number) => boolean;

/**
 * Tickets are unique in the process, not per window length: a client that changed its `batchMs`
 * mid-window must not take the old length's stale entry for its new window.
 */
let lastTicket = 0;

/** How much earlier than due a window may close to join a firing: a quarter of it, at most 5 ms. */
export function slackMs(ms: number): number {
  return Math.min(Math.floor(ms / 4), 5);
}

/**
 * The batching windows of every client with one window length, on one timer. Each window closes
 * `ms` after it opened, or up to `slackMs(ms)` earlier to go out with an earlier one: one timer firing
 * closes every window due by then, so a thousand clients cost a few firings per window, not a
 * thousand timers. A window never stays open longer than `ms` (timer lateness aside).
 * Windows are closed in the order they opened (same length: that is also the order they are due).
 */
export class BatchWindows {
  readonly #clock: Clock;
  readonly #ms: number;
  readonly #slackMs: number;
  /** Open windows in order: who to tell, its ticket, when it is due. Ended entries are undefined. */
  #ends: Array<WindowEnd | undefined> = [];
  #tickets: number[] = [];
  #closeAt: number[] = [];
  #head = 0;
  /** Windows opened and not yet ended nor cancelled. */
  #live = 0;
  #timer: TimerHandle | undefined;
  #firing = false;

  constructor(clock: Clock, ms: number) {
    this.#clock = clock;
    this.#ms = ms;
    this.#slackMs = slackMs(ms);
  }

  /** Windows open now. */
  get open(): number {
    return this.#live;
  }

  /** Opens a window for `end`, due in `ms`; returns its ticket (never 0). */
  start(end: WindowEnd): number {
    lastTicket += 1;
    this.#ends.push(end);
    this.#tickets.push(lastTicket);
    this.#closeAt.push(this.#clock.now() + this.#ms);
    this.#live += 1;
    if (this.#timer === undefined && !this.#firing) this.#arm();
    return lastTicket;
  }

  /** One open window ended early (its owner sent or dropped it); the timer stops when none is open. */
  cancel(): void {
    this.#live -= 1;
    if (this.#live === 0 && !this.#firing) this.#reset();
  }

  /** No window open: no timer, and the stale entries are dropped. */
  #reset(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#ends = [];
    this.#tickets = [];
    this.#closeAt = [];
    this.#head = 0;
    this.#live = 0;
  }

  #arm(): void {
    const wait = (this.#closeAt[this.#head] as number) - this.#clock.now();
    this.#timer = this.#clock.setTimeout(this.#fire, Math.max(0, wait));
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#firing = true;
    const due = this.#clock.now() + this.#slackMs;
    const ends = this.#ends;
    try {
      // A window reopened by its callback is due `ms` from now, past `due`: the loop stops before it.
      while (this.#head < ends.length && (this.#closeAt[this.#head] as number) <= due) {
        const head = this.#head;
        const end = ends[head];
        ends[head] = undefined;
        this.#head = head + 1;
        if (end?.(this.#tickets[head] as number)) this.#live -= 1;
      }
    } finally {
      // Also after a failing callback: the other windows still close.
      this.#firing = false;
      if (this.#live === 0) this.#reset();
      else {
        this.#compact();
        this.#arm();
      }
    }
  };

  /** Drops the entries already ended once they are most of the arrays. */
  #compact(): void {
    const head = this.#head;
    if (head < 1_024 || head * 2 < this.#ends.length) return;
    this.#ends = this.#ends.slice(head);
    this.#tickets = this.#tickets.slice(head);
    this.#closeAt = this.#closeAt.slice(head);
    this.#head = 0;
  }
}

/**
 * One `BatchWindows` per distinct window length, on the server's clock (at most 1,000 lengths). No
 * timer runs while no window is open: each client's outbox ends or cancels its window when it closes.
 */
export class BatchWindowSet {
  readonly #clock: Clock;
  readonly #byMs = new Map<number, BatchWindows>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  of(ms: number): BatchWindows {
    let windows = this.#byMs.get(ms);
    if (windows === undefined) {
      windows = new BatchWindows(this.#clock, ms);
      this.#byMs.set(ms, windows);
    }
    return windows;
  }
}
