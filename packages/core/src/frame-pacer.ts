import type { Clock, TimerHandle } from './clock';
import { SendWindow } from './send-window';
import type { MarketSpec } from './venue-adapter';

/** What the pacer sends for: its connection's pending control frames. */
export interface PacedFrames {
  /** The socket is open and may send. */
  canSend(): boolean;
  hasPending(): boolean;
  /** Sends the next pending subscribe/unsubscribe frame; returns its request id (the venue answers it). */
  sendNext(): number | undefined;
  /** Sends a pong (`Buffer`: the ping's payload) or an app ping (`string`). */
  sendUrgent(frame: string | Buffer): void;
}

/**
 * One connection's control-frame pacing: every frame the venue counts — subscribe/unsubscribe
 * frames, app pings and pongs — within the venue's control rate and, for subscribes, its slower
 * subscribe budget. Pongs and app pings go first. Everything queued in one turn goes out together,
 * in as few frames as the ledger makes; what the windows hold back waits on one timer. A request's
 * slot frees only `perMs` after its answer (the venue counted it by then).
 */
export class FramePacer {
  readonly #clock: Clock;
  readonly #frames: PacedFrames;
  readonly #control: SendWindow;
  readonly #subscribe: SendWindow | undefined;
  /** Pongs and app pings owed: sent first, within the control window. */
  readonly #urgent: Array<string | Buffer> = [];
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

  /** A pong or app ping: ahead of every subscribe, but never over the venue's message rate. */
  urgent(frame: string | Buffer): void {
    this.#urgent.push(frame);
    this.#clock.clearTimeout(this.#timer);
    this.flush();
  }

  /** The venue answered request `requestId`. */
  answered(requestId: number): void {
    this.#control.answered(requestId);
  }

  /** Sends pending frames now, as far as the windows allow; the rest when they do. */
  flush(): void {
    this.#timer = undefined;
    const frames = this.#frames;
    while (frames.canSend() && (this.#urgent.length > 0 || frames.hasPending())) {
      const budget = this.#urgent.length > 0 ? undefined : this.#subscribe;
      const waitMs = Math.max(this.#control.waitMs(), budget ? budget.waitMs() : 0);
      if (waitMs > 0) {
        this.#timer = this.#clock.setTimeout(() => this.flush(), waitMs);
        return;
      }
      const urgent = this.#urgent.shift();
      if (urgent !== undefined) {
        this.#control.record();
        frames.sendUrgent(urgent);
      } else {
        budget?.record();
        this.#control.record(frames.sendNext());
      }
    }
  }

  /** The socket is gone: nothing waits to be sent on it. */
  stop(): void {
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#urgent.length = 0;
  }
}
