import type { SimConnection } from '../sim/sim-server';

/**
 * Gate's idle rules, in real time (clients send in real time):
 * - a socket with no subscription whose client sent nothing for `timeoutMs` is dropped (≈30 s, 1006,
 *   no close frame — probed on fx-ws futures and Gate US spot);
 * - a subscribed socket with no traffic either way (no client frame, no push) for `2 × timeoutMs` is
 *   dropped too (Gate US: a subscription that only got its ack closed at ≈60 s). A flowing stream or
 *   the client's `*.ping` keeps it open.
 */
export class GateIdleWatch {
  private lastClientAt = Date.now();
  private lastDataAt = Date.now();
  private judging = false;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly connection: SimConnection,
    private readonly timeoutMs: number,
    private readonly hasSubscriptions: () => boolean,
  ) {
    this.timer = setInterval(() => this.check(), Math.max(5, Math.floor(timeoutMs / 10)));
    this.timer.unref();
    connection.socket.once('close', () => this.stop());
  }

  clientFrame(): void {
    this.lastClientAt = Date.now();
  }

  serverData(): void {
    this.lastDataAt = Date.now();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    if (!this.connection.isOpen) {
      this.stop();
      return;
    }
    if (this.judging || !this.idle()) return;
    // Judge after the pending I/O is read: a client frame that reached the socket before the deadline
    // but was not read yet (a busy event loop on a loaded test machine) counts, as at the venue.
    this.judging = true;
    setImmediate(() => {
      this.judging = false;
      if (!this.connection.isOpen || !this.idle()) return;
      this.stop();
      this.connection.drop();
    });
  }

  private idle(): boolean {
    const now = Date.now();
    return this.hasSubscriptions()
      ? now - Math.max(this.lastClientAt, this.lastDataAt) >= 2 * this.timeoutMs
      : now - this.lastClientAt >= this.timeoutMs;
  }
}
