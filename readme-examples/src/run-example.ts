/** Runs one example as a child process until its output shows what the README promises. */
import { spawn } from 'node:child_process';

export interface ExampleRun {
  /** Output lines (stdout, then stderr lines prefixed with `stderr: `). */
  lines: string[];
  code: number | null;
  /** True when the expected output was seen (the process was then stopped). */
  satisfied: boolean;
  timedOut: boolean;
}

export interface RunOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  /** Lines matching this, on stdout or stderr … */
  expect: RegExp;
  /** … at least this many of them, satisfy the run. Default 1. */
  count?: number;
  timeoutMs: number;
  /** Stop the process once the expected lines were seen (default true; false waits for its exit). */
  stopOnMatch?: boolean;
}

/** The parent's environment without any OHLCV_* variable (so only `env` points at venues), plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('OHLCV_')) base[name] = value;
  return { ...base, ...env, FORCE_COLOR: '0' };
}

export function runExample(options: RunOptions): Promise<ExampleRun> {
  const needed = options.count ?? 1;
  return new Promise((resolve) => {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let matched = 0;
    let satisfied = false;
    let timedOut = false;
    const onLines = (prefix: string) => {
      let partial = '';
      return (chunk: Buffer) => {
        const parts = (partial + chunk.toString('utf8')).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) {
          lines.push(prefix + line);
          if (options.expect.test(line)) matched++;
          if (matched >= needed && !satisfied) {
            satisfied = true;
            if (options.stopOnMatch !== false) child.kill('SIGTERM');
          }
        }
      };
    };
    child.stdout.on('data', onLines(''));
    child.stderr.on('data', onLines('stderr: '));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (matched >= needed) satisfied = true;
      resolve({ lines, code, satisfied, timedOut });
    });
  });
}
