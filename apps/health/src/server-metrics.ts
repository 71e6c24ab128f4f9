import type { Registry } from 'prom-client';
import { createMetrics, type MetricsOf } from './create-metrics';
import { SERVER_METRICS } from './metric-definitions';

/** The WebSocket server's own metrics (see SERVER_METRICS); the server increments them. */
export type ServerMetrics = MetricsOf<typeof SERVER_METRICS>;

export function createServerMetrics(registry: Registry): ServerMetrics {
  return createMetrics(registry, SERVER_METRICS);
}
