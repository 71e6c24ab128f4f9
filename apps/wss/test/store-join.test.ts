import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Candle } from '@ohlcv/core';
import { createSqliteStore } from '@ohlcv/store-sqlite';
import { type BinanceSimulator, DEFAULT_START_TIME, startBinanceSimulator } from '@ohlcv/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, simulatorEnv, startServerProcess } from './server-process';
import { closedCandles, connectClient, type TestClient } from './ws-client';

const MINUTE = 60_000;
const B = DEFAULT_START_TIME;
const KLINES = '/api/v3/klines';
const STREAM = 'binance:spot:BTCUSDT:1m';

let simulator: BinanceSimulator;
let server: ServerProcess;
let directory: string;
let url: string;

beforeAll(async () => {
  simulator = await startBinanceSimulator({ market: 'spot', pushIntervalMs: 20_000 });
  directory = mkdtempSync(join(tmpdir(), 'ohlcv-wss-store-'));
  url = `sqlite:${join(directory, 'candles.db')}`;
  const store = await createSqliteStore(url);
  const stored: Candle[] = [];
  for (let t = B - 60 * MINUTE; t < B - 5 * MINUTE; t += MINUTE)
    stored.push(simulator.candleAt('BTCUSDT', '1m', t)!);
  await store.write(stored);
  await store.close();
  server = await startServerProcess(['--store', url, '--linger-ms', '0'], simulatorEnv('SPOT', simulator));
});

afterAll(async () => {
  await server?.stop();
  await simulator?.close();
  rmSync(directory, { recursive: true, force: true });
});

async function joinWithHistory(count: number): Promise<{ client: TestClient; times: number[] }> {
  const client = await connectClient(server.url);
  client.send({ op: 'subscribe', id: 'h', streams: [STREAM], history: count });
  const deadline = Date.now() + 20_000;
  const times = () => closedCandles(client.messages).map((entry) => entry.candle.openTime as number);
  while (times().length < count) {
    if (Date.now() > deadline) throw new Error(`no history: ${JSON.stringify(client.messages.slice(0, 3))}`);
    if (simulator.subscriptionCount() > 0) await simulator.clock.advance(5_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { client, times: times() };
}

describe('ohlcv-wss --store', () => {
  it('answers history joins from the store, over REST only what the store lacks', async () => {
    const before = simulator.restRequestCount(KLINES);
    const first = await joinWithHistory(60);
    const history = first.times.slice(0, 60);
    expect(history[0]).toBe(B - 60 * MINUTE);
    expect(history).toEqual(history.map((_, i) => B - 60 * MINUTE + i * MINUTE));
    for (const entry of closedCandles(first.client.messages).slice(0, 60)) {
      expect(entry.candle).toEqual(simulator.candleAt('BTCUSDT', '1m', entry.candle.openTime as number));
    }
    // The 5 candles the store lacked: one REST request, written back to the store.
    expect(simulator.restRequestCount(KLINES)).toBe(before + 1);
    first.client.close();

    const second = await joinWithHistory(60);
    expect(second.times[0]).toBe(B - 60 * MINUTE);
    expect(simulator.restRequestCount(KLINES)).toBe(before + 1);
    second.client.close();
  });

  it('refuses an unknown store scheme at start-up, naming it (exit 2)', async () => {
    const bad = await startServerProcess(['--store', 'mongodb://x/y'], simulatorEnv('SPOT', simulator)).catch(
      (error: Error) => error,
    );
    expect(String(bad)).toContain('invalid --store: unknown store URL "mongodb://x/y"');
  });
});
