import type { Clock, Logger, TimerHandle } from '@ohlcv/core';
import type { ServerMetrics } from '@ohlcv/health';

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
  let timer: TimerHandle | undefined;
  let stopped = false;
  const round = (): void => {
    if (stopped) return;
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
    timer = clock.setTimeout(round, intervalMs);
  };
  timer = clock.setTimeout(round, intervalMs);
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
