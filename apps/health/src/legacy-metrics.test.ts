import type { Candle, FeedStatus } from '@ohlcv/core';
import { OhlcvError } from '@ohlcv/core';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerLegacyMetrics } from './legacy-metrics';
import { createMetricsObserver } from './metrics-observer';

const candle: Candle = {
  exchange: 'okx',
  market: 'coinm',
  symbol: 'BTC-USD-SWAP',
  interval: '1m',
  openTime: 0,
  closeTime: 59_999,
  open: 1,
  high: 2,
  low: 0.5,
  close: 1.5,
  volume: 10,
  closed: true,
};
const stream = 'okx:coinm:BTC-USD-SWAP:1m';
const connection = { exchange: 'okx', market: 'coinm', connectionId: 1, url: 'ws://x' } as const;

describe('registerLegacyMetrics', () => {
  it("exposes the older connector's connector_* names fed from the ohlcv_ metrics and the feed status", async () => {
    const registry = new Registry();
    const observer = createMetricsObserver(registry);
    const status: FeedStatus = {
      venues: [
        {
          exchange: 'okx',
          market: 'coinm',
          connections: 1,
          openConnections: 1,
          streams: 1,
          stalledStreams: [],
          lastMessageAt: 1,
          reconnects: 1,
          circuit: 'half-open',
        },
      ],
      streams: [],
    };
    registerLegacyMetrics(registry, () => status, '1.2.3');
    observer.connectionOpened?.(connection);
    observer.candleEmitted?.(stream, candle, 'live', 1);
    observer.candleEmitted?.(stream, candle, 'rest', 1);
    observer.candleEmitted?.(stream, { ...candle, closed: false }, 'live', 1);
    observer.duplicateDropped?.(stream, candle);
    observer.reconnectScheduled?.({ ...connection, attempt: 1, delayMs: 100 });
    observer.streamFailed?.(stream, new OhlcvError('bad', { code: 'symbol_rejected' }));
    observer.restRequest?.({
      exchange: 'okx',
      market: 'coinm',
      url: 'http://x',
      status: 200,
      durationMs: 5,
    });
    observer.restRequest?.({
      exchange: 'okx',
      market: 'coinm',
      url: 'http://x',
      status: 429,
      durationMs: 5,
    });
    const text = await registry.metrics();
    const venue = 'exchange="okx",contract_type="coinm"';
    expect(text).toContain('# TYPE connector_quotes_processed_total counter');
    expect(text).toContain(`connector_quotes_processed_total{${venue},is_closed="True"} 2`);
    expect(text).toContain(`connector_quotes_processed_total{${venue},is_closed="False"} 1`);
    expect(text).toContain(`connector_active_connections{${venue}} 1`);
    expect(text).toContain(`connector_reconnections_total{${venue}} 1`);
    expect(text).toContain(`connector_duplicates_filtered_total{${venue}} 1`);
    expect(text).toContain(`connector_connection_errors_total{${venue},error_type="symbol_rejected"} 1`);
    expect(text).toContain(`connector_rest_backfills_total{${venue},status="success"} 1`);
    expect(text).toContain(`connector_rest_backfills_total{${venue},status="failure"} 1`);
    expect(text).toContain(`connector_circuit_breaker_state{${venue}} 2`);
    expect(text).toContain('connector_build_info{version="1.2.3",architecture="ohlcv"} 1');
  });
});
