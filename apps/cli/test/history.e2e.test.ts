import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Candle } from '@ohlcv/core';
import { type BinanceSimulator, DEFAULT_START_TIME } from '@ohlcv/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCandleLine } from '../src/history/candle-line';
import { BINANCE_CASES, startSimulator } from './binance-cases';
import { openTimeSteps, parseCandleLines } from './candle-lines';
import { binanceEnv, runCli } from './run-cli';

const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;
const START = DEFAULT_START_TIME;
const iso = (ms: number) => new Date(ms).toISOString();

let simulator: BinanceSimulator | undefined;
let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'ohlcv-history-'));
});

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
  rmSync(directory, { recursive: true, force: true });
});

/** 4320 consecutive 1m candles from START - 3 days, each equal to the venue's data. */
function expectThreeDays(candles: readonly Candle[], venue: BinanceSimulator, symbol: string): void {
  expect(candles).toHaveLength(4_320);
  expect(candles[0]?.openTime).toBe(START - 3 * DAY);
  expect(candles.at(-1)?.openTime).toBe(START - MINUTE);
  expect(new Set(openTimeSteps(candles))).toEqual(new Set([MINUTE]));
  for (const candle of candles) expect(candle).toEqual(venue.candleAt(symbol, '1m', candle.openTime));
}

describe.each(BINANCE_CASES)('ohlcv history binance ($market)', ({ market, symbol, klinesPath }) => {
  it('downloads 3 days of 1m candles to stdout: 4320, in order, unique, equal to the venue', async () => {
    simulator = await startSimulator(market);
    const result = await runCli(
      [
        'history',
        'binance',
        symbol,
        '--market',
        market,
        '--from',
        iso(START - 3 * DAY),
        '--to',
        String(START),
      ],
      binanceEnv(market, simulator),
    );
    expect(result.code, result.stderr).toBe(0);
    expectThreeDays(parseCandleLines(result.stdoutLines), simulator, symbol);
    // The one-line summary: candles written, range, time and the REST calls the simulator served.
    const summary = new RegExp(
      `ohlcv: wrote 4,320 candles of binance:${market}:${symbol}:1m, .* in [\\d.]+ s with (\\d+) REST calls`,
    );
    const calls = Number(summary.exec(result.stderr)?.[1]);
    // Every kline page the simulator served, plus the instrument list.
    expect(calls).toBe(simulator.restRequestCount(klinesPath) + 1);
  });
});

describe('ohlcv history binance (spot)', () => {
  const symbol = 'BTCUSDT';
  const range = ['--from', iso(START - 3 * DAY), '--to', iso(START)];

  it('resumes an interrupted csv download after its last complete candle', async () => {
    simulator = await startSimulator('spot');
    const env = binanceEnv('spot', simulator);
    const out = join(directory, 'btc.csv');
    const first = await runCli(
      ['history', 'binance', symbol, '--from', iso(START - 3 * DAY), '--to', iso(START - DAY), '--out', out],
      env,
    );
    expect(first.code, first.stderr).toBe(0);
    // An interrupted write leaves half a line behind.
    appendFileSync(out, 'binance,spot,BTCUSDT,1m,17671');
    const requestsBefore = simulator.restRequestCount('/api/v3/klines');
    const resumed = await runCli(['history', 'binance', symbol, ...range, '--out', out, '--resume'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(
      'exchange,market,symbol,interval,openTime,closeTime,open,high,low,close,volume,quoteVolume,trades,closed',
    );
    const candles = lines.slice(1).map((line) => parseCandleLine(line, 'csv'));
    expectThreeDays(candles, simulator, symbol);
    // Only the missing day was fetched: 1440 candles fit in 2 requests of up to 1000.
    expect(simulator.restRequestCount('/api/v3/klines') - requestsBefore).toBe(2);
  });

  it('refuses to resume a file of another stream (exit 2)', async () => {
    simulator = await startSimulator('spot');
    const env = binanceEnv('spot', simulator);
    const out = join(directory, 'eth.ndjson');
    const first = await runCli(['history', 'binance', 'ETHUSDT', ...range, '--out', out], env);
    expect(first.code, first.stderr).toBe(0);
    const resumed = await runCli(['history', 'binance', symbol, ...range, '--out', out, '--resume'], env);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain(
      `--resume: ${out} holds binance:spot:ETHUSDT:1m, not binance:spot:BTCUSDT:1m`,
    );
  });

  it('finishes correctly through injected 429s', async () => {
    simulator = await startSimulator('spot');
    // Retry-After counts to the end of the venue's (virtual) minute: keep it at 1 s.
    await simulator.clock.advance(59_000);
    simulator.faults.httpErrors(429, 3);
    const result = await runCli(['history', 'binance', symbol, ...range], binanceEnv('spot', simulator));
    expect(result.code, result.stderr).toBe(0);
    expectThreeDays(parseCandleLines(result.stdoutLines), simulator, symbol);
    expect(result.stderr).toMatch(/HTTP 429/);
  });

  it('names the first available candle when the range starts before the venue history (exit 1)', async () => {
    simulator = await startBinanceSimulatorWithHistory(10_000);
    const firstAvailable = START - 10_000 * MINUTE;
    const result = await runCli(
      ['history', 'binance', symbol, '--from', iso(START - 10 * DAY), '--to', iso(START)],
      binanceEnv('spot', simulator),
    );
    expect(result.code).toBe(1);
    expect(result.stdoutLines).toEqual([]);
    expect(result.stderr).toContain(`first available candle opens at ${iso(firstAvailable)}`);
  });

  it('accepts a unified symbol and writes ndjson to a file named .ndjson', async () => {
    simulator = await startSimulator('usdm');
    const out = join(directory, 'btc.ndjson');
    const result = await runCli(
      [
        'history',
        'binance',
        'BTC/USDT:USDT',
        '--market',
        'usdm',
        '--from',
        iso(START - DAY),
        '--to',
        iso(START),
        '--out',
        out,
      ],
      binanceEnv('usdm', simulator),
    );
    expect(result.code, result.stderr).toBe(0);
    const candles = parseCandleLines(readFileSync(out, 'utf8').split('\n'));
    expect(candles).toHaveLength(1_440);
    expect(candles[0]).toMatchObject({ market: 'usdm', symbol: 'BTCUSDT' });
  });

  it('exits 1 for an unknown symbol, listing close matches', async () => {
    simulator = await startSimulator('spot');
    const result = await runCli(['history', 'binance', 'BTCUSDX', ...range], binanceEnv('spot', simulator));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/rejected symbol "BTCUSDX".*did you mean BTCUSDT/);
  });
});

async function startBinanceSimulatorWithHistory(restHistoryCandles: number): Promise<BinanceSimulator> {
  const { startBinanceSimulator } = await import('@ohlcv/testkit');
  return startBinanceSimulator({ market: 'spot', restHistoryCandles });
}
