import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

let simulator: BinanceSimulator;
let child: ChildProcess;
let port: number;

/** Polls `/ready` until it answers `status` (readiness is only observable by asking). */
async function readyBecomes(status: number, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  const started = Date.now();
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${port}/ready`);
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status === status) return body;
    if (Date.now() - started > timeoutMs)
      throw new Error(`/ready stayed ${response.status}: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  simulator = await startBinanceSimulator({ market: 'spot' });
  child = spawn(
    process.execPath,
    [CLI, '--watch', 'binance:spot:BTCUSDT:1m', '--port', '0', '--stall-timeout-ms', '400'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        OHLCV_BINANCE_SPOT_WS_URL: simulator.wsBase,
        OHLCV_BINANCE_SPOT_REST_URL: simulator.restBase,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      for (const line of buffered.split('\n')) {
        if (!line.includes('"listening"')) continue;
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    child.once('exit', (code) => reject(new Error(`ohlcv-health exited with ${code}`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await simulator?.close();
});

describe('ohlcv-health canary (built binary, Binance simulator)', () => {
  it('serves /health, turns /ready 503 when the venue goes silent and 200 when it delivers again, and /metrics', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);

    // The manual simulator clock does not move: the stream is silent, so it stalls.
    const down = await readyBecomes(503);
    expect(down).toMatchObject({
      ready: false,
      notFresh: [{ stream: 'binance:spot:BTCUSDT:1m', reason: 'stalled' }],
      venues: [{ exchange: 'binance', market: 'spot', stalledStreams: ['binance:spot:BTCUSDT:1m'] }],
    });

    // The venue trades again. Keep virtual time moving while the engine (which has been recycling
    // its connection for the silent stream) reconnects and sees data.
    let driving = true;
    const drive = (async () => {
      while (driving) {
        await simulator.clock.advance(10_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const up = await readyBecomes(200, 30_000).finally(() => {
      driving = false;
    });
    await drive;
    expect(up).toMatchObject({ ready: true, streams: 1 });

    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const name of [
      'ohlcv_frames_received_total{exchange="binance",market="spot"}',
      'ohlcv_candles_emitted_total',
      'ohlcv_stalls_total{exchange="binance",market="spot"}',
      'ohlcv_upstream_streams{exchange="binance",market="spot"} 1',
      'ohlcv_rest_requests_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(metrics).toContain(name);
    }
  });
});
