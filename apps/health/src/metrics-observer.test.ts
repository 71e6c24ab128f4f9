import type { Candle } from '@ohlcv/core';
import { OhlcvError } from '@ohlcv/core';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { FEED_METRICS, SERVER_METRICS } from './metric-definitions';
import { createMetricsObserver } from './metrics-observer';
import { createServerMetrics } from './server-metrics';

const candle: Candle = {
  exchange: 'binance',
  market: 'spot',
  symbol: 'BTCUSDT',
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
const stream = 'binance:spot:BTCUSDT:1m';
const connection = { exchange: 'binance', market: 'spot', connectionId: 1, url: 'ws://x' } as const;

describe('metric definitions', () => {
  it('follow Prometheus naming: ohlcv_ prefix, _total counters, no _total on others', () => {
    for (const definition of [...Object.values(FEED_METRICS), ...Object.values(SERVER_METRICS)]) {
      expect(definition.name).toMatch(/^ohlcv_[a-z_]+$/);
      expect(definition.name.endsWith('_total')).toBe(definition.type === 'counter');
    }
  });
});

describe('createMetricsObserver', () => {
  it('turns engine reports into ohlcv_ metrics in the injected registry', async () => {
    const registry = new Registry();
    const observer = createMetricsObserver(registry);
    observer.connectionOpened?.(connection);
    observer.frameReceived?.('binance', 'spot', 120);
    observer.frameReceived?.('binance', 'spot', 80);
    observer.candleReceived?.(stream, candle);
    observer.candleEmitted?.(stream, candle, 'live', 1);
    observer.candleEmitted?.(stream, { ...candle, closed: false }, 'live', 1);
    observer.candleEmitted?.(stream, candle, 'rest', 1);
    observer.duplicateDropped?.(stream, candle);
    observer.gapFilled?.(stream, { from: 0, to: 120_000, candles: 3 });
    observer.gapReported?.(stream, { from: 0, to: 60_000, reason: 'beyond history' });
    observer.restRequest?.({
      exchange: 'binance',
      market: 'spot',
      url: 'http://x',
      status: 429,
      durationMs: 250,
    });
    observer.reconnectScheduled?.({ ...connection, attempt: 1, delayMs: 100 });
    observer.streamSubscribed?.(stream);
    observer.streamStalled?.(stream, 30_000);
    observer.streamFailed?.(stream, new OhlcvError('bad', { code: 'symbol_rejected' }));
    const text = await registry.metrics();
    const labels = 'exchange="binance",market="spot"';
    expect(text).toContain(`ohlcv_frames_received_total{${labels}} 2`);
    expect(text).toContain(`ohlcv_frame_received_bytes_total{${labels}} 200`);
    expect(text).toContain(`ohlcv_candles_received_total{${labels}} 1`);
    expect(text).toContain(`ohlcv_candles_emitted_total{${labels},source="live",state="closed"} 1`);
    expect(text).toContain(`ohlcv_candles_emitted_total{${labels},source="live",state="open"} 1`);
    expect(text).toContain(`ohlcv_candles_emitted_total{${labels},source="rest",state="closed"} 1`);
    expect(text).toContain(`ohlcv_duplicates_dropped_total{${labels}} 1`);
    expect(text).toContain(`ohlcv_gaps_filled_total{${labels}} 1`);
    expect(text).toContain(`ohlcv_gaps_reported_total{${labels}} 1`);
    expect(text).toContain(`ohlcv_candles_backfilled_total{${labels}} 3`);
    expect(text).toContain(`ohlcv_rest_requests_total{${labels},status="429"} 1`);
    expect(text).toContain(`ohlcv_rest_request_duration_seconds_sum{${labels}} 0.25`);
    expect(text).toContain(`ohlcv_reconnects_total{${labels}} 1`);
    expect(text).toContain(`ohlcv_upstream_connections{${labels}} 1`);
    expect(text).toContain(`ohlcv_upstream_streams{${labels}} 1`);
    expect(text).toContain(`ohlcv_stalls_total{${labels}} 1`);
    expect(text).toContain(`ohlcv_stalled_streams{${labels}} 1`);
    expect(text).toContain(`ohlcv_stream_failures_total{${labels},code="symbol_rejected"} 1`);

    observer.streamRecovered?.(stream);
    observer.connectionClosed?.({ ...connection, code: 1006, reason: '', willReconnect: true });
    observer.streamUnsubscribed?.(stream);
    const after = await registry.metrics();
    expect(after).toContain(`ohlcv_stalled_streams{${labels}} 0`);
    expect(after).toContain(`ohlcv_upstream_connections{${labels}} 0`);
    expect(after).toContain(`ohlcv_upstream_streams{${labels}} 0`);
  });

  it('shares a registry with the server metrics and with a second observer', async () => {
    const registry = new Registry();
    createMetricsObserver(registry);
    const second = createMetricsObserver(registry);
    const server = createServerMetrics(registry);
    second.frameReceived?.('binance', 'usdm', 1);
    server.slowClientDisconnects.inc();
    server.deliveryDelay.observe(0.002);
    const text = await registry.metrics();
    expect(text).toContain('ohlcv_frames_received_total{exchange="binance",market="usdm"} 1');
    expect(text).toContain('ohlcv_ws_slow_client_disconnects_total 1');
    expect(text).toContain('ohlcv_candle_delivery_delay_seconds_bucket{le="0.0025"} 1');
  });

  it('counts each venue market in its own series when reports alternate between them', async () => {
    const registry = new Registry();
    const observer = createMetricsObserver(registry);
    const usdm: Candle = { ...candle, market: 'usdm' };
    for (let round = 0; round < 3; round += 1) {
      observer.frameReceived?.('binance', 'spot', 10);
      observer.candleReceived?.(stream, candle);
      observer.frameReceived?.('binance', 'usdm', 7);
      observer.candleReceived?.('binance:usdm:BTCUSDT:1m', usdm);
      observer.frameReceived?.('okx', 'spot', 1);
    }
    const text = await registry.metrics();
    expect(text).toContain('ohlcv_frames_received_total{exchange="binance",market="spot"} 3');
    expect(text).toContain('ohlcv_frames_received_total{exchange="binance",market="usdm"} 3');
    expect(text).toContain('ohlcv_frames_received_total{exchange="okx",market="spot"} 3');
    expect(text).toContain('ohlcv_frame_received_bytes_total{exchange="binance",market="usdm"} 21');
    expect(text).toContain('ohlcv_candles_received_total{exchange="binance",market="spot"} 3');
    expect(text).toContain('ohlcv_candles_received_total{exchange="binance",market="usdm"} 3');
  });
});
