/**
 * Scale: heap and RSS per idle stream at 1,000 and 10,000 streams, and the time until all are
 * subscribed, engine against a bare `ws` client pacing at the venue's limit (proc/scale-bare.mjs).
 * The Binance spot simulator (listing the symbols, enforcing 5 messages/s and 1,024 streams per
 * connection) runs in one process; each contender and count is a fresh process (the engine on the
 * built packages: run `pnpm build` first); the contenders alternate, order flipped every round.
 */
import { repoPath, requireBuilt, runNode, startReadyChild, TS_NODE } from './proc/child';
import { formatSpread, spread } from './stats';

interface ScaleSample {
  count: number;
  seconds: number;
  cpuSeconds: number;
  heapPerStream: number;
  rssPerStream: number;
  rss: number;
  connections: number;
  /** Bare client only: how long the venue took to answer one SUBSCRIBE (ms). */
  answerLagMedianMs?: number;
  answerLagMaxMs?: number;
}

type ScaleMode = 'bare' | 'engine';
const MODES: readonly ScaleMode[] = ['bare', 'engine'];

export interface ScaleResult {
  rounds: number;
  counts: number[];
  samples: Map<string, ScaleSample[]>;
}

const key = (mode: ScaleMode, count: number): string => `${mode}:${count}`;

/** Binance spot: 5 incoming messages per second per connection. */
const VENUE_MESSAGES_PER_SECOND = 5;

export async function benchScale(counts: number[], rounds: number): Promise<ScaleResult> {
  requireBuilt(['core', 'exchange-binance']);
  const largest = Math.max(...counts);
  const symbols = Array.from({ length: largest }, (_, index) => `S${index}USDT`);
  const startSimulator = (messagesPerSecond: number) =>
    startReadyChild<{ wsBase: string; restBase: string }>([
      '--max-old-space-size=4096',
      ...TS_NODE,
      repoPath('bench/src/proc/simulator-process.ts'),
      JSON.stringify({ market: 'spot', symbols, messagesPerSecond }),
    ]);
  // The engine meets the venue's own limit (the simulator closes 1008 above 5 messages/s). The
  // baseline paces at exactly that limit, no margin at all; the simulator counts a frame when its
  // event loop gets to it, so under load it would see frames sent 1 s apart arrive closer and close
  // the baseline too: its simulator does not enforce the limit.
  const simulator = await startSimulator(VENUE_MESSAGES_PER_SECOND);
  const unlimited = await startSimulator(1_000_000);
  const samples = new Map<string, ScaleSample[]>();
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const count of counts) {
        const order = round % 2 === 0 ? MODES : [...MODES].reverse();
        for (const mode of order) {
          const args =
            mode === 'engine'
              ? [repoPath('bench/src/proc/scale-engine.mjs'), simulator.info.wsBase, simulator.info.restBase]
              : [repoPath('bench/src/proc/scale-bare.mjs'), unlimited.info.wsBase];
          const run = await runNode([
            '--expose-gc',
            ...args,
            String(count),
            ...(mode === 'bare' ? [String(VENUE_MESSAGES_PER_SECOND)] : []),
          ]);
          const line = run.stdout.trim().split('\n').pop() ?? '';
          if (run.code !== 0 || !line.startsWith('{')) {
            throw new Error(
              `scale ${mode} (${count} streams) exited ${run.code}: ${run.stderr.slice(-2000)}`,
            );
          }
          const list = samples.get(key(mode, count)) ?? [];
          list.push(JSON.parse(line) as ScaleSample);
          samples.set(key(mode, count), list);
        }
      }
    }
  } finally {
    await Promise.all([simulator.stop(), unlimited.stop()]);
  }
  return { rounds, counts, samples };
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KiB`;
const secs = (value: number): string => `${value.toFixed(2)} s`;
const times = (value: number): string => `${value.toFixed(2)}×`;

export function scaleReport(result: ScaleResult): string {
  const lines = [
    '| idle streams | client | heap per stream, median (min–max) | RSS per stream | process RSS | all subscribed after, median (min–max) | vs bare | CPU | connections |',
    '| ------------ | ------ | --------------------------------- | -------------- | ----------- | -------------------------------------- | ------- | --- | ----------- |',
  ];
  for (const count of result.counts) {
    const bare = result.samples.get(key('bare', count)) ?? [];
    for (const mode of MODES) {
      const runs = result.samples.get(key(mode, count)) ?? [];
      const pick = (field: keyof ScaleSample): number[] => runs.map((run) => run[field] ?? 0);
      // Per round: this contender's time over the bare client's in the same round.
      const ratios = runs.map((run, index) => run.seconds / (bare[index] as ScaleSample).seconds);
      const label = mode === 'bare' ? 'bare `ws`, paced at the limit (baseline)' : 'engine';
      lines.push(
        `| ${count.toLocaleString('en')} | ${label} | ${formatSpread(spread(pick('heapPerStream')), kib)} | ${kib(spread(pick('rssPerStream')).median)} | ${(spread(pick('rss')).median / 2 ** 20).toFixed(0)} MiB | ${formatSpread(spread(pick('seconds')), secs)} | ${mode === 'bare' ? '1.00×' : formatSpread(spread(ratios), times)} | ${spread(pick('cpuSeconds')).median.toFixed(2)} s | ${runs[0]?.connections ?? '?'} |`,
      );
    }
  }
  const lags = result.counts.map((count) => {
    const runs = result.samples.get(key('bare', count)) ?? [];
    const median = spread(runs.map((run) => run.answerLagMedianMs ?? 0)).median;
    const max = spread(runs.map((run) => run.answerLagMaxMs ?? 0)).median;
    return `${count.toLocaleString('en')} streams: ${median.toFixed(0)} ms median, ${max.toFixed(0)} ms max`;
  });
  lines.push(
    '',
    `The simulator's answer to a SUBSCRIBE, as the bare client saw it (send to acknowledgment, medians over the rounds): ${lags.join('; ')}.`,
  );
  return lines.join('\n');
}
