/** Runs the built `ohlcv` (dist/cli.js) as a child process and collects what it prints. */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdoutLines: string[];
  stderr: string;
  timedOut: boolean;
}

export interface CliProcess {
  readonly child: ChildProcess;
  /** Complete stdout lines so far. */
  readonly stdoutLines: string[];
  /** Everything on stderr so far. */
  stderr(): string;
  /** Resolves when the process has exited (killed after the time bound). */
  readonly exited: Promise<CliResult>;
}

/** Environment for the child: the parent's, minus every OHLCV_* variable, plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('OHLCV_')) base[name] = value;
  }
  return { ...base, ...env };
}

/** Starts `node dist/cli.js ...args`; the child is killed (SIGKILL) if it outlives `timeoutMs`. */
export function startCli(
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 20_000,
): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdoutLines: string[] = [];
  let partial = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    stdoutLines.push(...parts);
  });
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const exited = new Promise<CliResult>((resolvePromise) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (partial.length > 0) stdoutLines.push(partial);
      resolvePromise({ code, signal, stdoutLines, stderr, timedOut });
    });
  });
  return { child, stdoutLines, stderr: () => stderr, exited };
}

/** Runs the CLI to completion. */
export function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<CliResult> {
  return startCli(args, env, timeoutMs).exited;
}

const pause = (ms: number) => new Promise<void>((resolvePromise) => setTimeout(resolvePromise, ms));

/**
 * Waits until `condition()` holds, running `step` (default: nothing) between checks with a tiny real
 * pause so sockets and the child can deliver. Throws after `timeoutMs`, with `describe()` in the message.
 */
export async function waitUntil(
  condition: () => boolean,
  options: { step?: () => Promise<void>; timeoutMs?: number; describe?: () => string } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met in time${options.describe ? `: ${options.describe()}` : ''}`);
    }
    await options.step?.();
    await pause(5);
  }
}

/** Whether the child has exited, tracked so waits can stop early. */
export function track(cli: CliProcess): { exited: boolean } {
  const state = { exited: false };
  void cli.exited.then(() => {
    state.exited = true;
  });
  return state;
}

/** What the child printed so far, for failure messages. */
export function describeRun(cli: CliProcess): () => string {
  return () => `stdout:\n${cli.stdoutLines.join('\n')}\nstderr:\n${cli.stderr()}`;
}

/** The env that points the CLI's Binance `market` at a simulator. */
export function binanceEnv(
  market: string,
  simulator: { wsBase: string; restBase: string },
): Record<string, string> {
  const prefix = `OHLCV_BINANCE_${market.toUpperCase()}`;
  return { [`${prefix}_WS_URL`]: simulator.wsBase, [`${prefix}_REST_URL`]: simulator.restBase };
}
