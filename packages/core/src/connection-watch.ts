import type { Clock, TimerHandle } from './clock';
import type { MarketSpec } from './venue-adapter';
import { heartbeatFrame } from './venue-spec';

/** The socket a watch keeps alive and checks. */
export interface WatchedSocket {
  isOpen(): boolean;
  lastMessageAt(): number | undefined;
  /** Sends the venue's app ping. */
  ping(frame: string): void;
  /** Closes the socket for a reconnect. */
  recycle(reason: string): void;
  /** No frame within the inactivity timeout (for the log). */
  silent(silentMs: number): void;
}

/**
 * One open socket's timers: the venue's app heartbeat, the inactivity watchdog (no frame for
 * `inactivityTimeoutMs` → reconnect; it re-arms for the remaining time instead of resetting per
 * frame) and the recycle at the maximum connection age.
 */
export class ConnectionWatch {
  readonly #clock: Clock;
  readonly #ws: MarketSpec['ws'];
  readonly #socket: WatchedSocket;
  #heartbeat: TimerHandle | undefined;
  #watchdog: TimerHandle | undefined;
  #age: TimerHandle | undefined;

  constructor(clock: Clock, ws: MarketSpec['ws'], socket: WatchedSocket) {
    this.#clock = clock;
    this.#ws = ws;
    this.#socket = socket;
  }

  start(): void {
    const { heartbeat, inactivityTimeoutMs, maxConnectionAgeMs } = this.#ws;
    if (heartbeat) this.#heartbeat = this.#clock.setTimeout(this.#onHeartbeat, heartbeat.everyMs);
    this.#watchdog = this.#clock.setTimeout(this.#onWatchdog, inactivityTimeoutMs);
    if (maxConnectionAgeMs !== undefined) {
      this.#age = this.#clock.setTimeout(
        () => this.#socket.recycle('maximum connection age reached'),
        maxConnectionAgeMs,
      );
    }
  }

  stop(): void {
    this.#clock.clearTimeout(this.#heartbeat);
    this.#clock.clearTimeout(this.#watchdog);
    this.#clock.clearTimeout(this.#age);
    this.#heartbeat = undefined;
    this.#watchdog = undefined;
    this.#age = undefined;
  }

  readonly #onHeartbeat = (): void => {
    const heartbeat = this.#ws.heartbeat;
    if (!heartbeat || !this.#socket.isOpen()) return;
    this.#socket.ping(heartbeatFrame(heartbeat, this.#clock.now()));
    this.#heartbeat = this.#clock.setTimeout(this.#onHeartbeat, heartbeat.everyMs);
  };

  readonly #onWatchdog = (): void => {
    if (!this.#socket.isOpen()) return;
    const timeoutMs = this.#ws.inactivityTimeoutMs;
    const silentMs = this.#clock.now() - (this.#socket.lastMessageAt() ?? 0);
    if (silentMs >= timeoutMs) {
      this.#socket.silent(silentMs);
      this.#socket.recycle('inactivity timeout');
      return;
    }
    this.#watchdog = this.#clock.setTimeout(this.#onWatchdog, timeoutMs - silentMs);
  };
}
