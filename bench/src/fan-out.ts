/**
 * Fan-out: `ohlcv-wss` (built binary: venue connection, engine, fan-out) against a minimal `ws`
 * broadcast server (proc/broadcast-server.mjs: JSON.parse, serialize once, send to all), both fed
 * the same paced kline frames by the sender process; 100 and 1,000 clients in a third process
 * (proc/fanout-clients.mjs) measuring latency from the venue's send to their receive. Server CPU
 * (its own process.cpuUsage / /metrics) per message the clients received; RSS after the run. The two
 * servers alternate over the rounds; medians with min–max.
 */
import { type RunningServer, requireWssBuilt, startBroadcastServer, startOhlcvWss } from './fan-out-servers';
import { LineChild, repoPath, requireBuilt, TS_NODE } from './proc/child';
import { formatSpread, spread } from './stats';

type Server = 'broadcast' | 'ohlcv-wss';

interface FanOutSample {
  server: Server;
  clients: number;
  received: number;
  cpuMicrosPerMessage: number;
  p50: number;
  p99: number;
  max: number;
  rss: number;
}

interface Running extends RunningServer {
  kind: 'ohlcv' | 'plain';
}

async function startServer(server: Server, venue: { wsBase: string; restBase: string }): Promise<Running> {
  if (server === 'broadcast')
    return { ...(await startBroadcastServer('broadcast-server.mjs', [venue.wsBase])), kind: 'plain' };
  return { ...(await startOhlcvWss(venue)), kind: 'ohlcv' };
}

async function runOnce(
  sender: LineChild,
  venue: { wsBase: string; restBase: string },
  server: Server,
  clientCount: number,
  seconds: number,
): Promise<FanOutSample> {
  // The same delivered-message rate (20,000/s) at every client count: below saturation on 2 cores.
  const perSecond = Math.min(200, Math.round(20_000 / clientCount));
  const frames = Math.round(perSecond * seconds);
  const running = await startServer(server, venue);
  const clients = new LineChild([
    repoPath('bench/src/proc/fanout-clients.mjs'),
    running.url,
    String(clientCount),
    running.kind,
  ]);
  try {
    if ((await clients.next()) !== 'ready') throw new Error('fan-out clients not ready');
    const warm = async (): Promise<{ received: number }> => {
      sender.send(`pace 30 ${perSecond}`);
      await sender.next();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      clients.send('report');
      return JSON.parse(await clients.next()) as { received: number };
    };
    // Warm-up until the server relays (its upstream subscription is live).
    for (let attempt = 0; (await warm()).received === 0; attempt += 1) {
      if (attempt > 20) throw new Error(`${server} relays nothing`);
    }
    const before = await running.stats();
    sender.send(`pace ${frames} ${perSecond}`);
    await sender.next(600_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = await running.stats();
    clients.send('report');
    const report = JSON.parse(await clients.next()) as {
      received: number;
      p50: number;
      p99: number;
      max: number;
    };
    return {
      server,
      clients: clientCount,
      received: report.received,
      cpuMicrosPerMessage: (after.cpuMicros - before.cpuMicros) / report.received,
      p50: report.p50,
      p99: report.p99,
      max: report.max,
      rss: after.rss,
    };
  } finally {
    await clients.stop();
    await running.stop();
  }
}

export interface FanOutResult {
  seconds: number;
  rounds: number;
  samples: FanOutSample[];
}

export async function benchFanOut(
  clientCounts: number[],
  seconds: number,
  rounds: number,
): Promise<FanOutResult> {
  requireBuilt(['core', 'exchange-binance']);
  requireWssBuilt();
  const sender = new LineChild([...TS_NODE, repoPath('bench/src/proc/frame-sender.ts'), '1']);
  const venue = JSON.parse(await sender.next()) as { wsBase: string; restBase: string };
  const samples: FanOutSample[] = [];
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const clients of clientCounts) {
        const order: Server[] = round % 2 === 0 ? ['broadcast', 'ohlcv-wss'] : ['ohlcv-wss', 'broadcast'];
        for (const server of order) samples.push(await runOnce(sender, venue, server, clients, seconds));
      }
    }
  } finally {
    await sender.stop();
  }
  return { seconds, rounds, samples };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const us = (value: number): string => `${value.toFixed(2)} µs`;

export function fanOutReport(result: FanOutResult): string {
  const lines = [
    '| clients | server | messages received | server CPU per message, median (min–max) | vs broadcast | p50 | p99 | max | server RSS |',
    '| ------- | ------ | ----------------- | ---------------------------------------- | ------------ | --- | --- | --- | ---------- |',
  ];
  const counts = [...new Set(result.samples.map((sample) => sample.clients))];
  for (const clients of counts) {
    const of = (server: Server) =>
      result.samples.filter((sample) => sample.clients === clients && sample.server === server);
    const base = spread(of('broadcast').map((sample) => sample.cpuMicrosPerMessage)).median;
    for (const server of ['broadcast', 'ohlcv-wss'] as const) {
      const runs = of(server);
      const cpu = spread(runs.map((sample) => sample.cpuMicrosPerMessage));
      const median = (field: 'p50' | 'p99' | 'max' | 'rss' | 'received'): number =>
        spread(runs.map((sample) => sample[field])).median;
      lines.push(
        `| ${clients.toLocaleString('en')} | ${server === 'broadcast' ? 'minimal `ws` broadcast (baseline)' : '`ohlcv-wss`'} | ${median('received').toLocaleString('en')} | ${formatSpread(cpu, us)} | ${(cpu.median / base).toFixed(2)}× | ${ms(median('p50'))} | ${ms(median('p99'))} | ${ms(median('max'))} | ${(median('rss') / 2 ** 20).toFixed(0)} MiB |`,
      );
    }
  }
  return lines.join('\n');
}
