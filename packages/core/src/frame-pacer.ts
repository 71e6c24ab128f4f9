import type { Clock, TimerHandle } from './clock';
import { SendWindow } from './send-window';
import type { MarketSpec } from './venue-adapter';

/** What the pacer sends for: its connection's pending control frames. */
export interface PacedFrames {
  /** The socket is open and may send. */
  canSend(): boolean;
  hasPending(): boolean;
  /** Sends the next pending frame (already counted against the windows). */
  sendNext(): void;
}

/**
 * One connection's control-frame pacing: subscribe/unsubscribe frames (and app pings) within the
 * venue's control rate and, for subscribes, its slower subscribe budget. Everything queued in one
 * turn goes out together, in as few frames as the ledger makes; what the windows hold back waits on
 * one timer.
 */
export class FramePacer {
  readonly #clock: Clock;
  readonly #frames: PacedFrames;
  readonly #control: SendWindow;
  readonly #subscribe: SendWindow | undefined;
  #timer: TimerHandle | undefined;
  #queued = false;

  constructor(clock: Clock, ws: MarketSpec['ws'], frames: PacedFrames) {
    this.#clock = clock;
    this.#frames = frames;
    this.#control = new SendWindow(ws.controlRate.messages, ws.controlRate.perMs, clock.now);
    const budget = ws.subscribeBudget;
    this.#subscribe = budget ? new SendWindow(budget.messages, budget.perMs, clock.now) : undefined;
  }

  /** Sends what is pending after this turn (batching what else is queued in it). */
  schedule(): void {
    if (this.#queued || this.#timer !== undefined) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.flush();
    });
  }

  /** Sends pending frames now, as far as the windows allow; the rest when they do. */
  flush(): void {
    this.#timer = undefined;
    const frames = this.#frames;
    while (frames.canSend() && frames.hasPending()) {
      const budget = this.#subscribe;
      const waitMs = Math.max(this.#control.waitMs(), budget ? budget.waitMs() : 0);
      if (waitMs > 0) {
        this.#timer = this.#clock.setTimeout(() => this.flush(), waitMs);
        return;
      }
      this.#control.record();
      budget?.record();
      frames.sendNext();
    }
  }

  /** A frame that must go out on time (an app ping) was sent: it counts against the control rate. */
  recordControl(): void {
    this.#control.record();
  }

  /** The socket is gone: nothing waits to be sent on it. */
  stop(): void {
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
