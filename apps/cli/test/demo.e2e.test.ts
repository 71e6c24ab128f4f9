import type { Candle } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { openTimeSteps, parseCandleLines } from './candle-lines';
import { runCli } from './run-cli';

describe('ohlcv demo', () => {
  it('streams consecutive closed candles through a dropped connection, with no network', async () => {
    const result = await runCli([
      'demo',
      '--limit',
      '12',
      '--speed',
      '600',
      '--format',
      'ndjson',
      '--log-level',
      'warn',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const candles = parseCandleLines(result.stdoutLines);
    expect(candles).toHaveLength(12);
    expect(result.stderr).toContain('drops the connection');
    const bySymbol = new Map<string, Candle[]>();
    for (const candle of candles)
      bySymbol.set(candle.symbol, [...(bySymbol.get(candle.symbol) ?? []), candle]);
    expect([...bySymbol.keys()].sort()).toEqual(['BTCUSDT', 'ETHUSDT']);
    // The REST gap fill may deliver one symbol's missed candles in a burst, so the split between the
    // two symbols varies; each series on its own must be consecutive closed 1m candles.
    for (const series of bySymbol.values()) {
      expect(series.every((candle) => candle.closed)).toBe(true);
      for (const step of openTimeSteps(series)) expect(step).toBe(60_000);
    }
    expect(Math.max(...[...bySymbol.values()].map((series) => series.length))).toBeGreaterThan(2);
  });
});
