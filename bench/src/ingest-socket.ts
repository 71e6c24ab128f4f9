/**
 * Ingest over a real loopback socket: CPU µs per frame of the engine (Binance adapter, sequencer,
 * one consumer) against a bare `ws` client that only JSON.parses each frame. The sender
 * (proc/frame-sender.ts) runs in its own process and writes pre-encoded frames in large writes;
 * each receiver is a fresh process (proc/ingest-receiver.mjs) measuring its own CPU time. The two
 * contenders alternate over the rounds (order flipped every round); medians with min–max.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { repoPath, requireBuilt, startReadyChild, TS_NODE } from './proc/child';
import { formatSpread, spread } from './stats';

type Mode = 'bare' | 'engine';
const MODES: readonly Mode[] = ['bare', 'engine'];

export interface IngestResult {
  frames: number;
  /** The first frames of each run, not in the per-frame figure (their CPU is reported apart). */
  warmupFrames: number;
  rounds: number;
  microsPerFrame: Record<Mode, number[]>;
  /** CPU ms of the warm-up frames, per run. */
  warmupMs: Record<Mode, number[]>;
}

/** Share of each run's frames that warm the receiver up (JIT compilation) before measuring. */
const WARMUP_SHARE = 0.2;

function receive(
  mode: Mode,
  info: { wsBase: string; restBase: string },
  frames: number,
  warmupFrames: number,
  send: () => void,
) {
  // OHLCV_BENCH_PROFILE=<dir>: each receiver writes a V8 CPU profile there (node --cpu-prof).
  const profileDir = process.env.OHLCV_BENCH_PROFILE;
  const profile = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${mode}-${Date.now()}.cpuprofile`]
    : [];
  // OHLCV_BENCH_WRAP="valgrind --tool=callgrind …": each receiver runs under that command (instruction
  // counts are repeatable on a loaded machine where CPU time is not).
  const wrap = process.env.OHLCV_BENCH_WRAP?.split(' ').filter((part) => part.length > 0) ?? [];
  const child = spawn(
    wrap[0] ?? process.execPath,
    [
      ...wrap.slice(1),
      ...(wrap.length > 0 ? [process.execPath] : []),
      ...profile,
      repoPath('bench/src/proc/ingest-receiver.mjs'),
      mode,
      info.wsBase,
      info.restBase,
      String(frames),
      String(warmupFrames),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise<{ micros: number; warmupMs: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ingest receiver (${mode}) did not finish within 600 s`));
    }, 600_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`ingest receiver (${mode}) exited ${code}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') return send();
      clearTimeout(timer);
      const result = JSON.parse(line) as { frames: number; cpuMicros: number; warmupMicros: number };
      resolve({ micros: result.cpuMicros / result.frames, warmupMs: result.warmupMicros / 1000 });
    });
  });
}

export async function benchIngest(frames: number, rounds: number): Promise<IngestResult> {
  requireBuilt(['core', 'exchange-binance']);
  const sender = await startReadyChild<{ wsBase: string; restBase: string }>([
    ...TS_NODE,
    repoPath('bench/src/proc/frame-sender.ts'),
    String(frames),
  ]);
  const sentLines = createInterface({ input: sender.process.stdout as NodeJS.ReadableStream });
  const send = (): void => {
    sender.process.stdin?.write('send\n');
  };
  sentLines.on('line', () => {});
  const microsPerFrame: Record<Mode, number[]> = { bare: [], engine: [] };
  const warmupMs: Record<Mode, number[]> = { bare: [], engine: [] };
  const warmupFrames = Math.floor(frames * WARMUP_SHARE);
  try {
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? MODES : [...MODES].reverse();
      for (const mode of order) {
        const run = await receive(mode, sender.info, frames, warmupFrames, send);
        microsPerFrame[mode].push(run.micros);
        warmupMs[mode].push(run.warmupMs);
      }
    }
  } finally {
    await sender.stop();
  }
  return { frames, warmupFrames, rounds, microsPerFrame, warmupMs };
}

const micros = (value: number): string => `${value.toFixed(2)} µs`;

const LABELS: Record<Mode, string> = {
  bare: 'bare `ws` client + `JSON.parse` (baseline)',
  engine: 'engine: Binance adapter → sequencer → one `onEvent` consumer',
};

export function ingestReport(result: IngestResult): string {
  const bare = result.microsPerFrame.bare;
  const lines = [
    `| receiver (own process, loopback) | CPU per frame after the first ${result.warmupFrames.toLocaleString('en')}, median (min–max) | vs bare, per round | CPU of the first ${result.warmupFrames.toLocaleString('en')} frames (warm-up), median |`,
    '| -------------------------------- | ------------------------------- | ------------------ | ------------------ |',
  ];
  for (const mode of MODES) {
    const values = result.microsPerFrame[mode];
    const ratios = values.map((value, index) => value / (bare[index] as number));
    const versus =
      mode === 'bare' ? '1.00×' : formatSpread(spread(ratios), (value) => `${value.toFixed(2)}×`);
    const warmup = `${spread(result.warmupMs[mode]).median.toFixed(0)} ms`;
    lines.push(`| ${LABELS[mode]} | ${formatSpread(spread(values), micros)} | ${versus} | ${warmup} |`);
  }
  return lines.join('\n');
}
