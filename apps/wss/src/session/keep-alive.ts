import type { Clock, Logger } from '@ohlcv/core';
import type { ServerMetrics } from '@ohlcv/health';
import { repeatEvery } from '../repeat-timer';

/** A client the keep-alive watches. */
export interface KeepAliveClient {
  readonly id: number;
  /** Answered the last ping (or sent something) since the previous round. */
  alive: boolean;
  ping(): void;
  terminate(): void;
}

export interface KeepAlive {
  stop(): void;
}

/**
 * Pings every client each `intervalMs`; a client that has not answered (nor sent anything) by the
 * next round is terminated and counted.
 */
export function startKeepAlive(options: {
  clients: Iterable<KeepAliveClient>;
  intervalMs: number;
  clock: Clock;
  metrics: ServerMetrics;
  logger: Logger;
}): KeepAlive {
  const { clients, intervalMs, clock, metrics, logger } = options;
  return repeatEvery(clock, intervalMs, () => {
    for (const client of clients) {
      if (!client.alive) {
        metrics.deadClientTerminations.inc();
        logger.info({ client: client.id }, 'client terminated: no pong to keep-alive ping');
        client.terminate();
        continue;
      }
      client.alive = false;
      client.ping();
    }
  });
}
