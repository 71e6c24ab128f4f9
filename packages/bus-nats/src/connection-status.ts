import type { NatsConnection } from '@nats-io/transport-node';
import type { BusStatus } from '@ohlcv/core';

interface Waiter {
  settle(error?: Error): void;
}

/** `connected` and status changes of a NATS connection, from its status iterator. */
export class ConnectionStatus {
  readonly #listeners = new Set<(status: BusStatus) => void>();
  readonly #waiters = new Set<Waiter>();
  readonly #displayUrl: string;
  #connected = true;
  #ended = false;

  constructor(nc: NatsConnection, displayUrl: string) {
    this.#displayUrl = displayUrl;
    void this.#watch(nc, displayUrl);
    void nc.closed().then((error) => {
      this.#ended = true;
      this.#set(false, error instanceof Error ? error : new Error(`connection to ${displayUrl} closed`));
      for (const waiter of this.#waiters) waiter.settle(new Error(`the bus at ${displayUrl} is closed`));
      this.#waiters.clear();
    });
  }

  get connected(): boolean {
    return this.#connected;
  }

  /**
   * Resolves when the connection is up (now, or at the next reconnect); rejects once the bus is
   * closed, or when it stays down `timeoutMs`. (A request sent while disconnected is not replayed
   * at the reconnect: it only times out, so callers wait here first.)
   */
  whenConnected(timeoutMs = Number.POSITIVE_INFINITY): Promise<void> {
    if (this.#connected) return Promise.resolve();
    if (this.#ended) return Promise.reject(new Error(`the bus at ${this.#displayUrl} is closed`));
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        settle: (error) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        },
      };
      if (Number.isFinite(timeoutMs)) {
        timer = setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(new Error(`the bus at ${this.#displayUrl} has been unreachable for ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.#waiters.add(waiter);
    });
  }

  onStatus(listener: (status: BusStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  async #watch(nc: NatsConnection, displayUrl: string): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') this.#set(false, new Error(`disconnected from ${displayUrl}`));
      else if (status.type === 'reconnect') this.#set(true);
    }
  }

  #set(connected: boolean, error?: Error): void {
    if (connected === this.#connected) return;
    this.#connected = connected;
    if (connected) {
      for (const waiter of this.#waiters) waiter.settle();
      this.#waiters.clear();
    }
    const status: BusStatus = connected ? { type: 'connected' } : { type: 'disconnected', error };
    for (const listener of this.#listeners) {
      try {
        listener(status);
      } catch {
        // one failing listener must not keep the others from hearing the change
      }
    }
  }
}
