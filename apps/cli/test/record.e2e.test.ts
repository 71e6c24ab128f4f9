import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Candle, CandleStore, StreamId } from '@ohlcv/core';
import { createStore } from '@ohlcv/store';
import { type BinanceSimulator, DEFAULT_START_TIME } from '@ohlcv/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type PostgresServer,
  postgresUnavailable,
  startPostgres,
} from '../../../packages/store/test/postgres-server';
import { startSimulator } from './binance-cases';
import { parseCandleLines } from './candle-lines';
import { binanceEnv, type CliProcess, describeRun, runCli, startCli } from './run-cli';

const MINUTE = 60_000;
const START = DEFAULT_START_TIME;
const FROM = START - 90 * MINUTE;
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] as const;
const KLINES = '/api/v3/klines';
const streamOf = (symbol: string): StreamId => ({
  exchange: 'binance',
  market: 'spot',
  symbol,
  interval: '1m',
});
const iso = (ms: number) => new Date(ms).toISOString();

let simulator: BinanceSimulator | undefined;
let directory: string;
let store: CandleStore | undefined;
const children: CliProcess[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'ohlcv-record-'));
});

afterEach(async () => {
  for (const child of children.splice(0)) child.child.kill('SIGKILL');
  await store?.close();
  store = undefined;
  await simulator?.close();
  simulator = undefined;
  rmSync(directory, { recursive: true, force: true });
});

async function collect(iterable: AsyncIterable<Candle>): Promise<Candle[]> {
  const out: Candle[] = [];
  for await (const candle of iterable) out.push(candle);
  return out;
}

/** Advances the venue's clock (only while the recorder is subscribed) until `done()` holds. */
async function advanceUntil(cli: CliProcess, done: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${describeRun(cli)()}`);
    if (cli.child.exitCode !== null) throw new Error(`recorder exited early\n${describeRun(cli)()}`);
    if (simulator && simulator.subscriptionCount() >= SYMBOLS.length) await simulator.clock.advance(10_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether every stream has stored each candle from FROM up to (not including) `until`. */
async function storedUpTo(url: string, until: number): Promise<boolean> {
  store ??= await createStore(url);
  for (const symbol of SYMBOLS) {
    const holes = await store.holes({ ...streamOf(symbol), from: FROM, to: until });
    if (holes.length > 0) return false;
  }
  return true;
}

const pgUnavailable = postgresUnavailable();
let postgres: PostgresServer | undefined;
beforeAll(async () => {
  if (pgUnavailable === undefined) postgres = await startPostgres();
  else if (process.env.CI === 'true') throw new Error(`CI=true and ${pgUnavailable}`);
}, 60_000);
afterAll(async () => postgres?.stop(), 30_000);

const BACKENDS = [
  { backend: 'sqlite', url: async () => `sqlite:${join(directory, 'candles.db')}` },
  { backend: 'postgres', url: async () => (postgres as PostgresServer).createDatabase() },
] as const;

if (pgUnavailable !== undefined) {
  it(`ohlcv record --store postgres could not run: ${pgUnavailable}`, () => {
    console.warn(`ohlcv record --store postgres NOT RUN: ${pgUnavailable}`);
  });
}

describe.each(BACKENDS.filter((b) => b.backend === 'sqlite' || pgUnavailable === undefined))(
  'ohlcv record --store $backend',
  ({ url: freshUrl }) => {
    it('keeps every closed candle of 3 streams exactly once through drops, skipped pushes and a kill -9', async () => {
      simulator = await startSimulator('spot');
      const venue = simulator;
      const env = binanceEnv('spot', venue);
      const url = await freshUrl();
      const args = [
        'record',
        ...SYMBOLS.map((s) => `binance:spot:${s}:1m`),
        '--store',
        url,
        '--health-port',
        '0',
      ];

      const first = startCli([...args, '--from', iso(FROM)], env, 120_000);
      children.push(first);
      await advanceUntil(first, () => storedUpTo(url, START + 2 * MINUTE), 'the backfill and 2 live candles');
      venue.faults.skipPushes(3);
      venue.faults.dropConnections();
      await advanceUntil(first, () => storedUpTo(url, START + 5 * MINUTE), 'live candles after the drop');

      const port = Number(/health on http:\/\/127\.0\.0\.1:(\d+)/.exec(first.stderr())?.[1]);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(
        /ohlcv_store_rows_written_total\{stream="binance:spot:ETHUSDT:1m",source="rest"\} \d+/,
      );
      expect(metrics).toMatch(/ohlcv_store_lag_seconds\{stream="binance:spot:BTCUSDT:1m"\} /);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

      first.child.kill('SIGKILL');
      await first.exited;
      // The venue moves on while the recorder is down.
      await venue.clock.advance(4 * MINUTE);

      const second = startCli(args, env, 120_000);
      children.push(second);
      await advanceUntil(second, () => storedUpTo(url, START + 12 * MINUTE), 'the restart to catch up');
      second.child.kill('SIGTERM');
      const stopped = await second.exited;
      expect(stopped.code, stopped.stderr).toBe(0);

      await store?.close();
      store = await createStore(url);
      for (const symbol of SYMBOLS) {
        const id = streamOf(symbol);
        const last = await store.last(id);
        const rows = await collect(store.range({ ...id, from: 0, to: Number.MAX_SAFE_INTEGER }));
        expect(rows[0]?.openTime).toBe(FROM);
        expect(rows.length).toBe((last!.openTime - FROM) / MINUTE + 1);
        for (const [i, row] of rows.entries()) {
          expect(row.openTime).toBe(FROM + i * MINUTE);
          expect(row).toEqual(venue.candleAt(symbol, '1m', row.openTime));
        }
      }

      // Reading the recorded range back through the store costs the venue no REST call.
      const before = venue.restRequestCount(KLINES);
      const history = await runCli(
        [
          'history',
          'binance',
          'ETHUSDT',
          '--from',
          iso(FROM),
          '--to',
          iso(START + 10 * MINUTE),
          '--store',
          url,
        ],
        env,
      );
      expect(history.code, history.stderr).toBe(0);
      const candles = parseCandleLines(history.stdoutLines);
      expect(candles).toHaveLength(100);
      for (const candle of candles) expect(candle).toEqual(venue.candleAt('ETHUSDT', '1m', candle.openTime));
      expect(venue.restRequestCount(KLINES)).toBe(before);

      // A wider range fetches only what the store lacks, writes it back, and is then free as well.
      const wider = [
        'history',
        'binance',
        'ETHUSDT',
        '--from',
        iso(FROM - 60 * MINUTE),
        '--to',
        iso(START),
        '--store',
        url,
      ];
      const fetched = await runCli(wider, env);
      expect(fetched.code, fetched.stderr).toBe(0);
      expect(parseCandleLines(fetched.stdoutLines)).toHaveLength(150);
      const afterFill = venue.restRequestCount(KLINES);
      expect(afterFill).toBe(before + 1);
      const again = await runCli(wider, env);
      expect(parseCandleLines(again.stdoutLines)).toEqual(parseCandleLines(fetched.stdoutLines));
      expect(venue.restRequestCount(KLINES)).toBe(afterFill);
    });
  },
);
