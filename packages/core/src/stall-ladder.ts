import { Backoff } from './backoff';
import type { Clock, TimerHandle } from './clock';

/** What a stream's stall ladder acts on. */
export interface StallLadderHost {
  readonly clock: Clock;
  readonly stallTimeoutMs: number;
  readonly random: (() => number) | undefined;
  /** Whether the stream's connection is open (stages still advance while it is not; actions wait). */
  isConnected(): boolean;
  resubscribe(): void;
  recycle(): void;
  /** The silence passed the stall timeout (said once per silence). */
  stalled(silentMs: number): void;
  /** Data flows again after `stalled`. */
  recovered(): void;
  /** A stage acted on (for the log). */
  acted(action: 'resubscribe' | 'recycle', silentMs: number): void;
}

/**
 * One stream's silence watch. A silence past the stall timeout is reported `stalled` at once and
 * the stream re-subscribed; a stage later its connection is recycled, then re-subscribe and
 * recycle alternate with growing waits. Data ends the silence (`recovered`). Silence counts while
 * the connection is down too (the stages advance, the actions wait for the connection), and a
 * reopen — whoever caused it — never restarts it: only the stream's own data does.
 */
export class StallLadder {
  stalled = false;
  /** When the stream's last data arrived (set on the hot path). */
  lastLiveAt: number;
  #stage = 0;
  #timer: TimerHandle | undefined;
  /** Waits between the later stages; made in the first long silence (an idle stream holds none). */
  #backoff: Backoff | undefined;
  readonly #host: StallLadderHost;
  #disposed = false;

  constructor(host: StallLadderHost) {
    this.#host = host;
    this.lastLiveAt = host.clock.now();
    this.#arm(host.stallTimeoutMs);
  }

  /** Whether a silence is being worked on (hot path: data then calls {@link onData}). */
  get active(): boolean {
    return this.#stage !== 0;
  }

  /** Data arrived during a silence (`lastLiveAt` already set). */
  onData(): void {
    this.#stage = 0;
    this.#backoff?.reset();
    if (this.stalled) {
      this.stalled = false;
      this.#host.recovered();
    }
    this.#arm(this.#host.stallTimeoutMs);
  }

  /** The connection (re)opened and subscribes the stream: the next action waits a full period for it. */
  onSubscribing(): void {
    if (this.#stage !== 0) this.#arm(this.#host.stallTimeoutMs);
  }

  dispose(): void {
    this.#disposed = true;
    this.#host.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(delayMs: number): void {
    if (this.#disposed) return;
    this.#host.clock.clearTimeout(this.#timer);
    this.#timer = this.#host.clock.setTimeout(this.#onTimer, Math.max(1, delayMs));
  }

  readonly #onTimer = (): void => {
    this.#timer = undefined;
    if (this.#disposed) return;
    const host = this.#host;
    const timeoutMs = host.stallTimeoutMs;
    const silentMs = host.clock.now() - this.lastLiveAt;
    if (this.#stage === 0 && silentMs < timeoutMs) {
      this.#arm(timeoutMs - silentMs);
      return;
    }
    this.#stage += 1;
    const stage = this.#stage;
    if (!this.stalled) {
      this.stalled = true;
      host.stalled(silentMs);
    }
    const connected = host.isConnected();
    const action = stage === 1 || (stage > 2 && stage % 2 === 1) ? 'resubscribe' : 'recycle';
    if (connected) {
      host.acted(action, silentMs);
      if (action === 'resubscribe') host.resubscribe();
      else host.recycle();
    }
    this.#arm(stage <= 2 ? timeoutMs : this.#laterWait());
  };

  #laterWait(): number {
    const host = this.#host;
    if (this.#backoff === undefined) {
      const random = host.random;
      this.#backoff = new Backoff({
        initialMs: host.stallTimeoutMs,
        maxMs: Math.max(host.stallTimeoutMs, 10 * host.stallTimeoutMs),
        now: host.clock.now,
        random: random ? () => 0.5 + random() / 2 : () => 0.5 + Math.random() / 2,
      });
    }
    return this.#backoff.next();
  }
}
