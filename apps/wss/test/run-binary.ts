import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface BinaryResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js args` to its exit (a start-up refusal, --help, --version); bounded by `timeoutMs`. */
export function runBinary(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<BinaryResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        env: { PATH: process.env.PATH ?? '', ...options.env },
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 20_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
