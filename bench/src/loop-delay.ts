/**
 * Event-loop delay under a steady update rate: `streams` Binance kline streams held by the engine
 * (Binance adapter, sequencer, one onEvent consumer each) and by a bare `ws` client that only
 * JSON.parses each frame, while the sender process (proc/frame-sender.ts) paces updates round-robin
 * over them at `perSecond`. Each receiver is a fresh process (proc/loop-delay-receiver.mjs) sampling
 * its own event-loop delay; the contenders alternate over the rounds (order flipped every round).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { repoPath, requireBuilt, startReadyChild, TS_NODE } from './proc/child';
import { formatSpread, spread } from './stats';

type Mode = 'bare' | 'engine';
const MODES: readonly Mode[] = ['bare', 'engine'];

interface DelaySample {
  cpuMicrosPerFrame: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LoopDelayResult {
  streams: number;
  perSecond: number;
  seconds: number;
  rounds: number;
  samples: Record<Mode, DelaySample[]>;
}

function receive(
  mode: Mode,
  info: { wsBase: string; restBase: string },
  streams: number,
  frames: number,
  start: () => void,
): Promise<DelaySample> {
  const child = spawn(
    process.execPath,
    [
      repoPath('bench/src/proc/loop-delay-receiver.mjs'),
      mode,
      info.wsBase,
      info.restBase,
      String(streams),
      String(frames),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`loop-delay receiver (${mode}) did not finish within 180 s`));
    }, 180_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`loop-delay receiver (${mode}) exited ${code}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') return start();
      clearTimeout(timer);
      resolve(JSON.parse(line) as DelaySample);
    });
  });
}

export async function benchLoopDelay(
  streams: number,
  perSecond: number,
  seconds: number,
  rounds: number,
): Promise<LoopDelayResult> {
  requireBuilt(['core', 'exchange-binance']);
  const frames = perSecond * seconds;
  const sender = await startReadyChild<{ wsBase: string; restBase: string }>([
    ...TS_NODE,
    repoPath('bench/src/proc/frame-sender.ts'),
    '1',
    String(streams),
  ]);
  createInterface({ input: sender.process.stdout as NodeJS.ReadableStream }).on('line', () => {});
  const start = (): void => {
    sender.process.stdin?.write(`pace ${frames} ${perSecond} ${streams}\n`);
  };
  const samples: Record<Mode, DelaySample[]> = { bare: [], engine: [] };
  try {
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? MODES : [...MODES].reverse();
      for (const mode of order) samples[mode].push(await receive(mode, sender.info, streams, frames, start));
    }
  } finally {
    await sender.stop();
  }
  return { streams, perSecond, seconds, rounds, samples };
}

const ms = (value: number): string => `${value.toFixed(2)} ms`;
const micros = (value: number): string => `${value.toFixed(2)} µs`;

export function loopDelayReport(result: LoopDelayResult): string {
  const lines = [
    '| receiver (own process) | event-loop delay p50 | p99, median (min–max) | p99 vs bare | max, median (min–max) | CPU per frame, median (min–max) | CPU vs bare |',
    '| ---------------------- | -------------------- | --------------------- | ----------- | --------------------- | ------------------------------- | ----------- |',
  ];
  const bare = result.samples.bare;
  const times = (value: number): string => `${value.toFixed(2)}×`;
  // Per round: this contender over the bare client of the same round.
  const versus = (runs: DelaySample[], field: keyof DelaySample): string =>
    formatSpread(spread(runs.map((run, index) => run[field] / (bare[index] as DelaySample)[field])), times);
  for (const mode of MODES) {
    const runs = result.samples[mode];
    const pick = (field: keyof DelaySample): number[] => runs.map((run) => run[field]);
    const label = mode === 'bare' ? 'bare `ws` + `JSON.parse` (baseline)' : 'engine';
    lines.push(
      `| ${label} | ${ms(spread(pick('p50')).median)} | ${formatSpread(spread(pick('p99')), ms)} | ${mode === 'bare' ? '1.00×' : versus(runs, 'p99')} | ${formatSpread(spread(pick('max')), ms)} | ${formatSpread(spread(pick('cpuMicrosPerFrame')), micros)} | ${mode === 'bare' ? '1.00×' : versus(runs, 'cpuMicrosPerFrame')} |`,
    );
  }
  return lines.join('\n');
}
