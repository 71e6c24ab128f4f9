import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { redisUnavailable, startRedisServer } from '@ohlcv/bus-redis/testing';
import { startBinanceSimulator } from '@ohlcv/testkit';
import WebSocket from 'ws';

const WSS = fileURLToPath(new URL('../../apps/wss/dist/cli.js', import.meta.url));
const CLI = fileURLToPath(new URL('../../apps/cli/dist/cli.js', import.meta.url));
const CLIENTS = 100;
const STEPS = 600;

interface FanOutCpu {
  mode: string;
  messages: number;
  cpuSeconds: number;
  microsPerMessage: number;
}

export type EdgeCpuResult = { rows: FanOutCpu[] } | { unavailable: string };

function start(
  script: string,
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; port: Promise<number> } {
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = new Promise<number>((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      const match = /"port":(\d+)[^\n]*"msg":"listening"/.exec(text);
      if (match) resolve(Number(match[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${text.slice(-500)}`)));
  });
  // Killing the child at the end rejects a promise nobody waits for any more.
  port.catch(() => undefined);
  return { child, port };
}

async function scrape(port: number): Promise<{ cpu: number; sent: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (pattern: RegExp): number => Number(pattern.exec(text)?.[1] ?? Number.NaN);
  return {
    cpu: value(/^process_cpu_seconds_total (\S+)$/m),
    sent: value(/^ohlcv_ws_messages_sent_total\{type="candle"\} (\S+)$/m),
  };
}

/**
 * CPU of the process serving the clients, per candle message delivered: `ohlcv-wss` alone (venue
 * connection, engine and fan-out) and `ohlcv-wss --bus` (bus read and fan-out; an `ohlcv ingest` worker
 * holds the venue). 100 clients on 4 streams, built binaries, a Binance simulator and a local redis-server.
 */
export async function benchEdgeCpu(): Promise<EdgeCpuResult> {
  const unavailable = redisUnavailable();
  if (unavailable !== undefined) return { unavailable };
  const rows: FanOutCpu[] = [];
  for (const mode of ['ohlcv-wss (one process)', 'ohlcv-wss --bus (edge)']) {
    const sim = await startBinanceSimulator({ market: 'spot' });
    const redis = await startRedisServer();
    const venue = {
      OHLCV_BINANCE_SPOT_WS_URL: sim.wsBase,
      OHLCV_BINANCE_SPOT_REST_URL: sim.restBase,
      OHLCV_LOG_LEVEL: 'warn',
    };
    const edge = mode.includes('--bus');
    const children: ChildProcess[] = [];
    const server = start(
      WSS,
      [
        '--port',
        '0',
        '--health-port',
        '0',
        '--log-level',
        'info',
        // The 100 clients and the /metrics scrape all come from 127.0.0.1 (the default cap is 100).
        '--max-clients-per-address',
        String(CLIENTS + 10),
        ...(edge ? ['--bus', redis.url] : []),
      ],
      venue,
    );
    children.push(server.child);
    if (edge) children.push(start(CLI, ['ingest', '--bus', redis.url], venue).child);
    const port = await server.port;
    const keys = sim.symbols.slice(0, 4).map((symbol) => `binance:spot:${symbol}:1m`);
    const sockets = await Promise.all(
      Array.from(
        { length: CLIENTS },
        () =>
          new Promise<WebSocket>((resolve, reject) => {
            const socket = new WebSocket(`ws://127.0.0.1:${port}`);
            socket.once('open', () => {
              socket.send(JSON.stringify({ op: 'subscribe', id: '1', streams: keys }));
              resolve(socket);
            });
            socket.once('error', reject);
          }),
      ),
    );
    const deadline = Date.now() + 20_000;
    while (sim.subscriptionCount() < keys.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    for (let step = 0; step < 20; step += 1) await sim.clock.advance(2_000);
    await new Promise((r) => setTimeout(r, 500));
    const before = await scrape(port);
    for (let step = 0; step < STEPS; step += 1) {
      await sim.clock.advance(2_000);
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 1_000));
    const after = await scrape(port);
    const messages = after.sent - before.sent;
    const cpuSeconds = after.cpu - before.cpu;
    rows.push({ mode, messages, cpuSeconds, microsPerMessage: (cpuSeconds / messages) * 1e6 });
    for (const socket of sockets) socket.terminate();
    for (const child of children) child.kill('SIGKILL');
    await sim.close();
    await redis.stop();
  }
  return { rows };
}

export function edgeCpuReport(result: EdgeCpuResult): string {
  if ('unavailable' in result) return `Not measured: ${result.unavailable}.`;
  return [
    '| server | candle messages sent | CPU seconds | CPU per message |',
    '| --- | --- | --- | --- |',
    ...result.rows.map(
      (row) =>
        `| ${row.mode} | ${row.messages} | ${row.cpuSeconds.toFixed(2)} | ${row.microsPerMessage.toFixed(1)} µs |`,
    ),
  ].join('\n');
}
