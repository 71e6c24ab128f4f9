import {
  createFeed,
  createVenueRegistry,
  endpointOverridesFromEnv,
  type Feed,
  type Logger,
  parseStreamKey,
  type VenueAdapter,
} from '@ohlcv/core';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { CanarySettings } from './canary-settings';
import { type HealthServer, startHealthServer } from './health-server';
import { createMetricsObserver } from './metrics-observer';
import { WatchedStreams } from './watch-streams';

export interface Canary {
  readonly feed: Feed;
  readonly registry: Registry;
  readonly health: HealthServer;
  close(): Promise<void>;
}

/**
 * Runs the feeds for the watched streams and serves `/health`, `/ready`, `/metrics` about them: a
 * canary that turns not-ready (503) when a venue goes silent or a watched stream fails (failed
 * streams are retried with backoff).
 */
export async function runCanary(
  settings: CanarySettings,
  context: {
    adapters: readonly VenueAdapter[];
    env: Readonly<Record<string, string | undefined>>;
    logger: Logger;
  },
): Promise<Canary> {
  const { logger } = context;
  const venues = createVenueRegistry(context.adapters);
  for (const key of settings.watch) venues.resolve(parseStreamKey(key).exchange);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const feed = createFeed({
    adapters: context.adapters,
    endpoints: endpointOverridesFromEnv(context.env, venues),
    observer: createMetricsObserver(registry),
    logger,
    ...(settings.stallTimeoutMs === undefined ? {} : { stallTimeoutMs: settings.stallTimeoutMs }),
  });
  // Stalls, recoveries, gaps and failures are logged by the engine (through `logger`), once each.
  const watched = new WatchedStreams({ feed, keys: settings.watch, logger });
  const health = await startHealthServer({
    host: settings.host,
    port: settings.port,
    status: () => feed.status(),
    failed: () => watched.failed(),
    registry,
    ...(settings.maxSilenceMs === undefined ? {} : { maxSilenceMs: settings.maxSilenceMs }),
  });
  logger.info(
    { host: health.host, port: health.port, watch: settings.watch, maxSilenceMs: settings.maxSilenceMs },
    'listening',
  );
  return {
    feed,
    registry,
    health,
    async close() {
      watched.close();
      await Promise.all([health.close(), feed.close()]);
    },
  };
}
