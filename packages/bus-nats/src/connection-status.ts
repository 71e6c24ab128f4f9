import type { NatsConnection } from '@nats-io/transport-node';
import type { BusStatus } from '@ohlcv/core';

/** `connected` and status changes of a NATS connection, from its status iterator. */
export class ConnectionStatus {
  readonly #listeners = new Set<(status: BusStatus) => void>();
  readonly #waiters = new Set<() => void>();
  #connected = true;

  constructor(nc: NatsConnection, displayUrl: string) {
    void this.#watch(nc, displayUrl);
    void nc.closed().then((error) => {
      this.#set(false, error instanceof Error ? error : new Error(`connection to ${displayUrl} closed`));
    });
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** Resolves when the connection is up (now, or at the next reconnect). */
  whenConnected(): Promise<void> {
    if (this.#connected) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.add(resolve));
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
      for (const resolve of this.#waiters) resolve();
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
