import type { IngestObserver } from '@ohlcv/bus';
import type { CandleBus } from '@ohlcv/core';
import { createMetrics } from '@ohlcv/health';
import { Gauge, type Registry } from 'prom-client';

/** The ingest worker's metrics, as data (see docs/scale-out.md "Metrics to watch"). */
const INGEST_METRICS = {
  claims: {
    name: 'ohlcv_ingest_stream_claims_total',
    help: 'Streams this worker claimed; `resumed` = yes when it took over a stream with candles on the bus.',
    type: 'counter',
    labelNames: ['resumed'],
  },
  releases: {
    name: 'ohlcv_ingest_stream_releases_total',
    help: 'Streams this worker left, by reason (no_demand, lease_lost, failed, shutdown).',
    type: 'counter',
    labelNames: ['reason'],
  },
  published: {
    name: 'ohlcv_ingest_closed_published_total',
    help: 'Closed candles this worker published to the bus (a duplicate the bus refused counts too).',
    type: 'counter',
    labelNames: [],
  },
  publishFailures: {
    name: 'ohlcv_ingest_publish_failures_total',
    help: 'Publish attempts that failed (bus unreachable); the candles stay buffered.',
    type: 'counter',
    labelNames: [],
  },
  gapFilled: {
    name: 'ohlcv_ingest_handover_gap_candles_total',
    help: 'Closed candles filled over REST when resuming a stream after the bus newest one.',
    type: 'counter',
    labelNames: [],
  },
  dropped: {
    name: 'ohlcv_ingest_buffer_dropped_total',
    help: 'Buffered closed candles dropped because the bus stayed unreachable beyond the buffer limit.',
    type: 'counter',
    labelNames: [],
  },
} as const;

/** Registers the ingest metrics (plus gauges read at scrape time) and returns the worker observer feeding them. */
export function createIngestMetrics(
  registry: Registry,
  bus: CandleBus,
  status: () => { streams: Array<{ buffered: number }> },
): IngestObserver {
  const metrics = createMetrics(registry, INGEST_METRICS);
  new Gauge({
    name: 'ohlcv_ingest_streams',
    help: 'Streams this worker holds a lease on.',
    registers: [registry],
    collect() {
      this.set(status().streams.length);
    },
  });
  new Gauge({
    name: 'ohlcv_ingest_buffered_candles',
    help: 'Closed candles waiting for the bus (non-zero while it is unreachable).',
    registers: [registry],
    collect() {
      this.set(status().streams.reduce((sum, stream) => sum + stream.buffered, 0));
    },
  });
  new Gauge({
    name: 'ohlcv_bus_connected',
    help: '1 while the bus is reachable, else 0.',
    registers: [registry],
    collect() {
      this.set(bus.connected ? 1 : 0);
    },
  });
  return {
    streamClaimed: (_key, resumeAfter) =>
      metrics.claims.labels(resumeAfter === undefined ? 'no' : 'yes').inc(),
    streamReleased: (_key, reason) => metrics.releases.labels(reason).inc(),
    closedPublished: (_key, count) => metrics.published.inc(count),
    publishFailed: () => metrics.publishFailures.inc(),
    gapFilled: (_key, count) => metrics.gapFilled.inc(count),
    bufferOverflow: (_key, dropped) => metrics.dropped.inc(dropped),
  };
}
