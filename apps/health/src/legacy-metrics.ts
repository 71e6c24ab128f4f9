import type { FeedStatus } from '@ohlcv/core';
import type { Metric, MetricObjectWithValues, MetricValue, Registry } from 'prom-client';

/**
 * The older Python connector's `connector_*` metric names, computed at scrape time from this
 * registry's `ohlcv_*` metrics and the feed status, so dashboards and alerts built on them work. Its
 * `contract_type` label carries our market name (spot, usdm, coinm). Families without an equivalent
 * (queue depths and blocking, per-venue quote latency) are not exposed rather than faked.
 */

type Labels = Record<string, string | number>;
type Values = Array<{ labels: Labels; value: number }>;

interface Derived {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  values: () => Promise<Values>;
}

async function valuesOf(registry: Registry, name: string): Promise<MetricValue<string>[]> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) return [];
  const object = (await metric.get()) as MetricObjectWithValues<MetricValue<string>>;
  return object.values;
}

/** Sums `values` by the labels `key` picks (entries it returns undefined for are left out). */
function sumBy(values: MetricValue<string>[], key: (labels: Labels) => Labels | undefined): Values {
  const sums = new Map<string, { labels: Labels; value: number }>();
  for (const entry of values) {
    const labels = key(entry.labels as Labels);
    if (labels === undefined) continue;
    const id = JSON.stringify(labels);
    const found = sums.get(id);
    if (found) found.value += entry.value;
    else sums.set(id, { labels, value: entry.value });
  }
  return [...sums.values()];
}

const venueLabels = (labels: Labels): Labels => ({
  exchange: labels.exchange ?? '',
  contract_type: labels.market ?? '',
});

const CIRCUIT = { closed: 0, open: 1, 'half-open': 2 } as const;

function derived(registry: Registry, status: () => FeedStatus, version: string): Derived[] {
  return [
    {
      name: 'connector_quotes_processed_total',
      help: 'Quotes processed (candle updates emitted by the engine)',
      type: 'counter',
      values: async () =>
        sumBy(await valuesOf(registry, 'ohlcv_candles_emitted_total'), (labels) => ({
          ...venueLabels(labels),
          is_closed: labels.state === 'closed' ? 'True' : 'False',
        })),
    },
    {
      name: 'connector_active_connections',
      help: 'Open venue WebSocket connections',
      type: 'gauge',
      values: async () => sumBy(await valuesOf(registry, 'ohlcv_upstream_connections'), venueLabels),
    },
    {
      name: 'connector_connection_errors_total',
      help: 'Venue errors (error_type: the stream failure code, or venue_error)',
      type: 'counter',
      values: async () => [
        ...sumBy(await valuesOf(registry, 'ohlcv_errors_total'), (labels) => ({
          ...venueLabels(labels),
          error_type: 'venue_error',
        })),
        ...sumBy(await valuesOf(registry, 'ohlcv_stream_failures_total'), (labels) => ({
          ...venueLabels(labels),
          error_type: String(labels.code ?? 'unknown'),
        })),
      ],
    },
    {
      name: 'connector_reconnections_total',
      help: 'Venue reconnect attempts',
      type: 'counter',
      values: async () => sumBy(await valuesOf(registry, 'ohlcv_reconnects_total'), venueLabels),
    },
    {
      name: 'connector_rest_backfills_total',
      help: 'REST requests (gap fill, history, instrument lists) by outcome',
      type: 'counter',
      values: async () =>
        sumBy(await valuesOf(registry, 'ohlcv_rest_requests_total'), (labels) => ({
          ...venueLabels(labels),
          status: /^2\d\d$/.test(String(labels.status)) ? 'success' : 'failure',
        })),
    },
    {
      name: 'connector_duplicates_filtered_total',
      help: 'Duplicate candles dropped',
      type: 'counter',
      values: async () => sumBy(await valuesOf(registry, 'ohlcv_duplicates_dropped_total'), venueLabels),
    },
    {
      name: 'connector_circuit_breaker_state',
      help: 'REST circuit breaker per venue market: 0 closed, 1 open, 2 half-open',
      type: 'gauge',
      values: async () =>
        status().venues.map((venue) => ({
          labels: { exchange: venue.exchange, contract_type: venue.market },
          value: CIRCUIT[venue.circuit],
        })),
    },
    {
      name: 'connector_build_info',
      help: 'Build information',
      type: 'gauge',
      values: async () => [{ labels: { version, architecture: 'ohlcv' }, value: 1 }],
    },
  ];
}

/** Registers the `connector_*` families into `registry` (ohlcv-wss --legacy-metrics). */
export function registerLegacyMetrics(registry: Registry, status: () => FeedStatus, version: string): void {
  for (const family of derived(registry, status, version)) {
    const metric = {
      name: family.name,
      help: family.help,
      type: family.type,
      aggregator: 'sum',
      get: async () => ({
        name: family.name,
        help: family.help,
        type: family.type,
        aggregator: 'sum',
        values: await family.values(),
      }),
      reset: () => {},
    };
    registry.registerMetric(metric as unknown as Metric);
  }
}
