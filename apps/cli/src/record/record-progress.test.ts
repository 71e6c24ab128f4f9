import type { Candle } from '@ohlcv/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordMetrics } from './record-metrics';
import { startRecordProgress } from './record-progress';

const KEY = 'binance:spot:BTCUSDT:1m';
const T0 = Date.UTC(2025, 0, 1);
const candle = {
  exchange: 'binance',
  market: 'spot',
  symbol: 'BTCUSDT',
  interval: '1m',
  openTime: T0,
  closeTime: T0 + 59_999,
} as Candle;

function sink(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const write = (chunk: string): boolean => {
    text += chunk;
    return true;
  };
  const stream = { write } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

describe('record progress', () => {
  afterEach(() => vi.useRealTimers());

  it('rewrites one status line each second: rows written and the worst lag', () => {
    vi.useFakeTimers({ now: T0 + 90_000 });
    const metrics = new RecordMetrics([KEY], () => Date.now());
    const out = sink();
    const progress = startRecordProgress({
      enabled: true,
      stream: out.stream,
      metrics,
      streams: () => [KEY],
    });
    vi.advanceTimersByTime(1_000);
    expect(out.text()).toBe('\r\x1b[Krecording 1 streams: 0 rows written, no candle stored yet');
    metrics.written([candle, candle], 'live', () => KEY);
    vi.advanceTimersByTime(1_000);
    expect(out.text()).toContain('\r\x1b[Krecording 1 streams: 2 rows written, max lag 32s');
    progress.stop();
    expect(out.text().endsWith('\n')).toBe(true);
  });

  it('writes nothing when not on a terminal', () => {
    vi.useFakeTimers();
    const out = sink();
    const progress = startRecordProgress({
      enabled: false,
      stream: out.stream,
      metrics: new RecordMetrics([KEY], () => Date.now()),
      streams: () => [KEY],
    });
    vi.advanceTimersByTime(5_000);
    progress.stop();
    expect(out.text()).toBe('');
  });
});
