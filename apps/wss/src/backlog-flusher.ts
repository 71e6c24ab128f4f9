import type { Clock } from '@ohlcv/core';
import { type RepeatTimer, repeatEvery } from './repeat-timer';

/** How often backlogged clients are flushed to their sockets. */
const FLUSH_EVERY_MS = 10;

/** A client whose outbox may hold messages: `flush` moves them on, false once nothing waits. */
interface Flushable {
  flush(): boolean;
}

/** Flushes backlogged clients every 10 ms while any is backlogged (no timer runs otherwise). */
export class BacklogFlusher<Client extends Flushable> {
  readonly #clock: Clock;
  readonly #backlogged = new Set<Client>();
  #timer: RepeatTimer | undefined;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  add(client: Client): void {
    this.#backlogged.add(client);
    this.#timer ??= repeatEvery(this.#clock, FLUSH_EVERY_MS, this.#flush);
  }

  delete(client: Client): void {
    this.#backlogged.delete(client);
  }

  stop(): void {
    this.#timer?.stop();
    this.#timer = undefined;
  }

  readonly #flush = (): void => {
    for (const client of this.#backlogged) if (!client.flush()) this.#backlogged.delete(client);
    if (this.#backlogged.size === 0) this.stop();
  };
}
