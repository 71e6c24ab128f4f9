import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Node arguments that run a workspace TypeScript file from source. */
export const TS_NODE = ['--conditions=@ohlcv/source', '--import', 'tsx'];

export const repoPath = (relative: string): string =>
  fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

/** Throws, saying what to do, unless the packages a plain-JavaScript child imports are built. */
export function requireBuilt(packages: readonly string[]): void {
  for (const name of packages) {
    if (!existsSync(repoPath(`packages/${name}/dist/index.js`))) {
      throw new Error(`packages/${name}/dist is missing: run \`pnpm build\` before \`pnpm bench\``);
    }
  }
}

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak RSS in bytes (from report-max-rss.cjs), when preloaded. */
  maxRss: number | undefined;
  wallSeconds: number;
}

/** Runs `node <args>` to completion with peak-RSS reporting preloaded. */
export function runNode(args: string[], env: Record<string, string> = {}): Promise<ChildRun> {
  const started = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [
      '--require',
      repoPath('bench/src/proc/report-max-rss.cjs'),
      // OHLCV_BENCH_PROFILE=<dir>: every measured process writes a V8 CPU profile there.
      ...(process.env.OHLCV_BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.OHLCV_BENCH_PROFILE}`]
        : []),
      ...args,
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk.length > 0 && stdout.length < 1e6 ? chunk : '';
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const match = /OHLCV_BENCH_MAX_RSS_KB=(\d+)/.exec(stderr);
      resolve({
        code,
        stdout,
        stderr,
        maxRss: match ? Number(match[1]) * 1024 : undefined,
        wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
      });
    });
  });
}

/** A long-running child that prints one JSON line when ready; `stop()` ends it. */
export interface ReadyChild<T> {
  info: T;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function startReadyChild<T>(args: string[], env: Record<string, string> = {}): Promise<ReadyChild<T>> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`child ${args.join(' ')} exited with ${code} before ready`)));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      resolve({
        info: JSON.parse(line) as T,
        process: child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.stdin?.end();
            setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
          }),
      });
    });
  });
}

/** A child speaking lines: commands on its stdin, one answer line per command on its stdout. */
export class LineChild {
  readonly process: ChildProcess;
  readonly #lines: string[] = [];
  readonly #waiting: Array<(line: string) => void> = [];
  #exited: string | undefined;

  constructor(args: string[], env: Record<string, string> = {}) {
    this.process = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    createInterface({ input: this.process.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const waiter = this.#waiting.shift();
      if (waiter) waiter(line);
      else this.#lines.push(line);
    });
    this.process.on('exit', (code) => {
      this.#exited = `${args.join(' ')} exited ${code}`;
    });
  }

  /** The next stdout line (within `timeoutMs`). */
  next(timeoutMs = 120_000): Promise<string> {
    const line = this.#lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.#exited !== undefined) return Promise.reject(new Error(this.#exited));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      this.#waiting.push((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  }

  send(line: string): void {
    this.process.stdin?.write(`${line}\n`);
  }

  stop(): Promise<void> {
    return new Promise((done) => {
      if (this.process.exitCode !== null) return done();
      this.process.once('exit', () => done());
      this.process.stdin?.end();
      setTimeout(() => this.process.kill('SIGKILL'), 3_000).unref();
    });
  }
}
