import type { Clock, Logger } from '@ohlcv/core';
import type { ServerMetrics } from '@ohlcv/health';
import type { WebSocket } from 'ws';
import { destroySocket } from './client-outbox';
import { type RepeatTimer, repeatEvery } from './repeat-timer';

/** Close code for a client that subscribed to nothing within the idle timeout. */
export const IDLE_CLOSE_CODE = 4001;
/** Grace for an idle client to take its close frame before the socket is destroyed. */
const CLOSE_GRACE_MS = 2_000;

/** A client the sweep watches. */
export interface IdleClient {
  readonly id: number;
  readonly socket: WebSocket;
  readonly streamCount: number;
}

/**
 * Closes (4001) a client that has had no stream for `idleTimeoutMs`, checking a few times per
 * timeout. `connected` starts a client's idle time; `gone` forgets it.
 */
export class IdleSweep {
  readonly #since = new Map<IdleClient, number>();
  readonly #timer: RepeatTimer;
  readonly #options: { idleTimeoutMs: number; clock: Clock; metrics: ServerMetrics; logger: Logger };

  constructor(options: { idleTimeoutMs: number; clock: Clock; metrics: ServerMetrics; logger: Logger }) {
    this.#options = options;
    const everyMs = Math.max(25, Math.min(options.idleTimeoutMs / 4, 5_000));
    this.#timer = repeatEvery(options.clock, everyMs, () => this.#sweep());
  }

  connected(client: IdleClient, at: number): void {
    this.#since.set(client, at);
  }

  gone(client: IdleClient): void {
    this.#since.delete(client);
  }

  stop(): void {
    this.#timer.stop();
  }

  #sweep(): void {
    const { idleTimeoutMs, clock, metrics, logger } = this.#options;
    const now = clock.now();
    for (const [client, since] of this.#since) {
      if (client.streamCount > 0) this.#since.set(client, Number.NaN);
      else if (Number.isNaN(since)) this.#since.set(client, now);
      else if (now - since >= idleTimeoutMs) {
        this.#since.set(client, Number.NaN);
        metrics.rejectedConnections.labels('idle').inc();
        logger.info({ client: client.id, idleMs: now - since }, 'idle client closed');
        client.socket.close(IDLE_CLOSE_CODE, `idle: no subscription for ${idleTimeoutMs} ms`);
        clock.setTimeout(() => destroySocket(client.socket), CLOSE_GRACE_MS);
      }
    }
  }
}
