import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorEnv, startServerProcess } from './server-process';
import { connectClient } from './ws-client';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

let simulator: BinanceSimulator;

beforeAll(async () => {
  simulator = await startBinanceSimulator({ market: 'spot' });
});

afterAll(async () => {
  await simulator?.close();
});

describe('ohlcv-wss lifecycle (built server)', () => {
  it('checks the token, bounds the clients, and on SIGTERM closes them with 1001 and exits 0', async () => {
    const server = await startServerProcess(['--max-clients', '2'], {
      ...simulatorEnv('SPOT', simulator),
      OHLCV_WSS_TOKEN: 's3cret',
    });
    await expect(connectClient(server.url)).rejects.toThrow(/401/);
    await expect(connectClient(`${server.url}/?token=wrong`)).rejects.toThrow(/401/);
    const byHeader = await connectClient(server.url, { authorization: 'Bearer s3cret' });
    const byQuery = await connectClient(`${server.url}/?token=s3cret`);
    const third = await connectClient(`${server.url}/?token=s3cret`);
    const refused = await third.closed;
    expect(refused.code).toBe(1013);
    expect(refused.reason).toContain('server full');

    byHeader.send({ op: 'subscribe', id: 1, streams: ['binance:spot:BTCUSDT:1m'] });
    await byHeader.waitFor((messages) => messages.some((message) => message.type === 'subscribed'));
    const started = Date.now();
    const exitCode = server.stop('SIGTERM');
    const [closedA, closedB] = await Promise.all([byHeader.closed, byQuery.closed]);
    expect(closedA.code).toBe(1001);
    expect(closedB.code).toBe(1001);
    expect(await exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.logs.map((line) => line.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
  });

  it('tells clients when their stream stalls and when it recovers', async () => {
    const server = await startServerProcess(['--stall-timeout-ms', '400'], simulatorEnv('SPOT', simulator));
    try {
      const client = await connectClient(server.url);
      client.send({ op: 'subscribe', streams: ['binance:spot:ETHUSDT:1m'] });
      // The manual simulator clock stands still: the stream is silent and stalls.
      await client.waitFor((messages) => messages.some((message) => message.type === 'stalled'));
      expect(client.messages.find((message) => message.type === 'stalled')).toMatchObject({
        stream: 'binance:spot:ETHUSDT:1m',
        silentMs: expect.any(Number),
      });
      await server.waitForLog((line) => line.msg === 'stream stalled');
      await simulator.clock.advance(2 * 60_000);
      await client.waitFor((messages) => messages.some((message) => message.type === 'recovered'));
      expect(client.messages.find((message) => message.type === 'recovered')).toEqual({
        type: 'recovered',
        stream: 'binance:spot:ETHUSDT:1m',
      });
      client.close();
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('serves no chart page with --no-ui', async () => {
    const server = await startServerProcess(['--no-ui'], simulatorEnv('SPOT', simulator));
    try {
      expect(server.logs.find((line) => line.msg === 'listening')).toMatchObject({ ui: false });
      const base = `http://127.0.0.1:${server.port}`;
      expect((await fetch(`${base}/`)).status).toBe(426);
      expect((await fetch(`${base}/api/venues`)).status).toBe(426);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('refuses a non-loopback host without a token, naming the way out', () => {
    const result = spawnSync(process.execPath, [CLI, '--host', '0.0.0.0', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('refusing to listen on non-loopback host "0.0.0.0"');
    expect(result.stderr).toContain('OHLCV_WSS_TOKEN');
  });

  it('names the setting of a bad value', () => {
    const result = spawnSync(process.execPath, [CLI, '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', CONNECTOR_WSS_HEALTH_CHECK_PORT: 'nope' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('invalid CONNECTOR_WSS_HEALTH_CHECK_PORT: "nope"');
  });
});
