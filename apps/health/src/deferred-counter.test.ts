import type { Candle } from '@ohlcv/core';
import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './create-metrics';
import { deferredCounterChild } from './deferred-counter';
import { FEED_METRICS } from './metric-definitions';
import { createMetricsObserver } from './metrics-observer';

const candle = (exchange: string, market: string, closed: boolean): Candle =>
  ({ exchange, market, symbol: 'X', interval: '1m', openTime: 0, closed }) as Candle;

describe('deferredCounterChild', () => {
  it('the observer exposes exactly what per-call labels().inc() would, scrape after scrape', async () => {
    const registry = new Registry();
    const observer = createMetricsObserver(registry);
    const reference = new Registry();
    const metrics = createMetrics(reference, FEED_METRICS);
    const venues = [
      ['binance', 'spot'],
      ['okx', 'usdm'],
    ] as const;
    for (let round = 0; round < 3; round += 1) {
      for (let index = 0; index < 50 + round * 7; index += 1) {
        const [exchange, market] = venues[index % 2] as (typeof venues)[number];
        const closed = index % 5 === 0;
        const source = index % 3 === 0 ? 'rest' : 'live';
        const bytes = 100 + index;
        observer.frameReceived?.(exchange, market, bytes);
        metrics.framesReceived.labels(exchange, market).inc();
        metrics.frameBytesReceived.labels(exchange, market).inc(bytes);
        observer.candleReceived?.('s', candle(exchange, market, closed));
        metrics.candlesReceived.labels(exchange, market).inc();
        observer.candleEmitted?.('s', candle(exchange, market, closed), source, 0);
        metrics.candlesEmitted.labels(exchange, market, source, closed ? 'closed' : 'open').inc();
        if (index % 11 === 0) {
          observer.duplicateDropped?.('s', candle(exchange, market, closed));
          metrics.duplicatesDropped.labels(exchange, market).inc();
        }
      }
      expect(await registry.metrics()).toBe(await reference.metrics());
    }
    expect(await registry.metrics()).toContain('ohlcv_frames_received_total{exchange="okx",market="usdm"}');
  });

  it('keeps an existing collect hook and a series incremented by 0', async () => {
    const registry = new Registry();
    let collected = 0;
    const counter = new Counter({
      name: 'c_total',
      help: 'h',
      labelNames: ['a'],
      registers: [registry],
      collect() {
        collected += 1;
      },
    });
    const child = deferredCounterChild(counter, 'x');
    child.inc(0);
    deferredCounterChild(counter, 'y').inc(2);
    const text = await registry.metrics();
    expect(collected).toBe(1);
    expect(text).toContain('c_total{a="x"} 0');
    expect(text).toContain('c_total{a="y"} 2');
  });
});

describe('deferredCounterChild identity', () => {
  it('gives the same child for the same labels (no growth when asked per stream)', async () => {
    const registry = new Registry();
    const counter = new Counter({ name: 'd_total', help: 'h', labelNames: ['a'], registers: [registry] });
    const first = deferredCounterChild(counter, 'candle');
    expect(deferredCounterChild(counter, 'candle')).toBe(first);
    first.inc(3);
    deferredCounterChild(counter, 'candle').inc();
    expect(await registry.metrics()).toContain('d_total{a="candle"} 4');
  });
});
