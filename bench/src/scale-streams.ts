/**
 * Scale: heap and RSS per idle stream at 1,000 and 10,000 streams, and the time until all are
 * subscribed. The Binance spot simulator (listing the symbols) runs in one process, the engine in
 * another (bench/src/proc/scale-engine.mjs, on the built packages: run `pnpm build` first); each count is a fresh engine process, rounds alternate.
 */
import { repoPath, requireBuilt, runNode, startReadyChild, TS_NODE } from './proc/child';
import { formatSpread, spread } from './stats';

export interface ScaleSample {
  count: number;
  seconds: number;
  cpuSeconds: number;
  heapPerStream: number;
  rssPerStream: number;
  rss: number;
  connections: number;
}

export interface ScaleResult {
  rounds: number;
  counts: number[];
  samples: Map<number, ScaleSample[]>;
}

export async function benchScale(counts: number[], rounds: number): Promise<ScaleResult> {
  requireBuilt(['core', 'exchange-binance']);
  const largest = Math.max(...counts);
  const symbols = Array.from({ length: largest }, (_, index) => `S${index}USDT`);
  const simulator = await startReadyChild<{ wsBase: string; restBase: string }>([
    '--max-old-space-size=4096',
    ...TS_NODE,
    repoPath('bench/src/proc/simulator-process.ts'),
    JSON.stringify({ market: 'spot', symbols }),
  ]);
  const samples = new Map<number, ScaleSample[]>(counts.map((count) => [count, []]));
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const count of counts) {
        const run = await runNode([
          '--expose-gc',
          repoPath('bench/src/proc/scale-engine.mjs'),
          simulator.info.wsBase,
          simulator.info.restBase,
          String(count),
        ]);
        const line = run.stdout.trim().split('\n').pop() ?? '';
        if (run.code !== 0 || !line.startsWith('{')) {
          throw new Error(`scale engine (${count} streams) exited ${run.code}: ${run.stderr.slice(-2000)}`);
        }
        samples.get(count)?.push(JSON.parse(line) as ScaleSample);
      }
    }
  } finally {
    await simulator.stop();
  }
  return { rounds, counts, samples };
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KiB`;
const secs = (value: number): string => `${value.toFixed(1)} s`;

export function scaleReport(result: ScaleResult): string {
  const lines = [
    '| idle streams | heap per stream, median (min–max) | RSS per stream | engine RSS | all subscribed after | engine CPU | connections |',
    '| ------------ | --------------------------------- | -------------- | ---------- | -------------------- | ---------- | ----------- |',
  ];
  for (const count of result.counts) {
    const runs = result.samples.get(count) ?? [];
    const pick = (field: keyof ScaleSample): number[] => runs.map((run) => run[field]);
    lines.push(
      `| ${count.toLocaleString('en')} | ${formatSpread(spread(pick('heapPerStream')), kib)} | ${kib(spread(pick('rssPerStream')).median)} | ${(spread(pick('rss')).median / 2 ** 20).toFixed(0)} MiB | ${formatSpread(spread(pick('seconds')), secs)} | ${spread(pick('cpuSeconds')).median.toFixed(2)} s | ${runs[0]?.connections ?? '?'} |`,
    );
  }
  return lines.join('\n');
}
