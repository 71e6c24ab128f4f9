import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { MetricDefinition } from './metric-definitions';

type MetricFor<D extends MetricDefinition> = D['type'] extends 'counter'
  ? Counter<string>
  : D['type'] extends 'gauge'
    ? Gauge<string>
    : Histogram<string>;

export type MetricsOf<T extends Record<string, MetricDefinition>> = { [K in keyof T]: MetricFor<T[K]> };

/**
 * Registers every metric of `table` into `registry`. A metric already registered under the same
 * name (a second observer on the same registry) is reused, not registered twice.
 */
export function createMetrics<T extends Record<string, MetricDefinition>>(
  registry: Registry,
  table: T,
): MetricsOf<T> {
  const result: Record<string, Counter<string> | Gauge<string> | Histogram<string>> = {};
  for (const [key, definition] of Object.entries(table)) {
    const existing = registry.getSingleMetric(definition.name);
    if (existing) {
      result[key] = existing as Counter<string> | Gauge<string> | Histogram<string>;
      continue;
    }
    const configuration = {
      name: definition.name,
      help: definition.help,
      labelNames: [...definition.labelNames],
      registers: [registry],
    };
    if (definition.type === 'counter') result[key] = new Counter(configuration);
    else if (definition.type === 'gauge') result[key] = new Gauge(configuration);
    else result[key] = new Histogram({ ...configuration, buckets: [...(definition.buckets ?? [])] });
  }
  return result as MetricsOf<T>;
}
