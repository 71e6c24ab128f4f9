import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Candle } from '@ohlcv/core';
import { createSqliteStore } from '@ohlcv/store-sqlite';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCandleLine } from '../src/history/candle-line';
import { runCli } from './run-cli';

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 5, 1);

function candlesOf(symbol: string, count: number): Candle[] {
  return Array.from({ length: count }, (_, i) => {
    const candle: Candle = {
      exchange: 'binance',
      market: 'spot',
      symbol,
      interval: '1m',
      openTime: T0 + i * MINUTE,
      closeTime: T0 + (i + 1) * MINUTE - 1,
      open: 100.1 + i / 3,
      high: 101.7 + i / 3,
      low: 99.05 + i / 7,
      close: 100.3 + i / 9,
      volume: 0.1 * (i + 1),
      closed: true,
    };
    if (i % 5 !== 0) {
      candle.quoteVolume = 12.5 * (i + 1);
      candle.trades = 3 * i;
    }
    return candle;
  });
}

let directory: string;
let url: string;
const stored = [...candlesOf('BTCUSDT', 240), ...candlesOf('ETHUSDT', 60)];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'ohlcv-export-'));
  url = `sqlite:${join(directory, 'candles.db')}`;
  const store = await createSqliteStore(url);
  await store.write(stored);
  await store.close();
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('ohlcv export', () => {
  it.each(['csv', 'ndjson'] as const)('round-trips every stored candle as %s', async (format) => {
    const out = join(directory, `all.${format}`);
    const result = await runCli(['export', '--store', url, '--out', out, '--log-level', 'warn']);
    expect(result.code, result.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const body = format === 'csv' ? lines.slice(1) : lines;
    expect(body.map((line) => parseCandleLine(line, format))).toEqual(stored);
  });

  it('round-trips a stream and a range as Parquet (read back with hyparquet)', async () => {
    const out = join(directory, 'btc.parquet');
    const result = await runCli([
      'export',
      'binance:spot:BTCUSDT:1m',
      '--store',
      url,
      '--out',
      out,
      '--from',
      String(T0 + 10 * MINUTE),
      '--to',
      String(T0 + 200 * MINUTE),
    ]);
    expect(result.code, result.stderr).toBe(0);
    const bytes = readFileSync(out);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const rows = (await parquetReadObjects({ file })) as Array<Record<string, unknown>>;
    const candles = rows.map((row) => {
      const candle: Record<string, unknown> = { ...row, closed: true };
      for (const key of ['openTime', 'closeTime', 'trades']) {
        if (typeof row[key] === 'bigint') candle[key] = Number(row[key]);
      }
      for (const key of ['quoteVolume', 'trades']) if (candle[key] === null) delete candle[key];
      return candle;
    });
    expect(candles).toEqual(stored.slice(10, 200));
  });

  it('refuses parquet without --out and an unknown format, naming them', async () => {
    const noOut = await runCli(['export', '--store', url, '--format', 'parquet']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--format parquet needs --out FILE');
    const bad = await runCli(['export', '--store', url, '--format', 'xlsx']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown format "xlsx"');
  });
});
