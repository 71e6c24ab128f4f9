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
  rounds: number;
  microsPerFrame: Record<Mode, number[]>;
}

function receive(mode: Mode, info: { wsBase: string; restBase: string }, frames: number, send: () => void) {
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
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise<number>((resolve, reject) => {
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
      const result = JSON.parse(line) as { frames: number; cpuMicros: number };
      resolve(result.cpuMicros / result.frames);
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
  try {
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? MODES : [...MODES].reverse();
      for (const mode of order) microsPerFrame[mode].push(await receive(mode, sender.info, frames, send));
    }
  } finally {
    await sender.stop();
  }
  return { frames, rounds, microsPerFrame };
}

const micros = (value: number): string => `${value.toFixed(2)} µs`;

const LABELS: Record<Mode, string> = {
  bare: 'bare `ws` client + `JSON.parse` (baseline)',
  engine: 'engine: Binance adapter → sequencer → one `onEvent` consumer',
};

export function ingestReport(result: IngestResult): string {
  const bare = result.microsPerFrame.bare;
  const lines = [
    '| receiver (own process, loopback) | CPU per frame, median (min–max) | vs bare, per round |',
    '| -------------------------------- | ------------------------------- | ------------------ |',
  ];
  for (const mode of MODES) {
    const values = result.microsPerFrame[mode];
    const ratios = values.map((value, index) => value / (bare[index] as number));
    const versus =
      mode === 'bare' ? '1.00×' : formatSpread(spread(ratios), (value) => `${value.toFixed(2)}×`);
    lines.push(`| ${LABELS[mode]} | ${formatSpread(spread(values), micros)} | ${versus} |`);
  }
  return lines.join('\n');
}
