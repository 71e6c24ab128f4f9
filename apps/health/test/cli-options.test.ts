import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function run(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH ?? '' }, cwd },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('ohlcv-health options', () => {
  it('--version and -V print the version', async () => {
    for (const flag of ['--version', '-V']) {
      const result = await run([flag]);
      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout.trim()).toBe(packageJson.version);
    }
  });

  it('--help shows the defaults and the variables', async () => {
    const { code, stdout: text } = await run(['--help']);
    const stdout = text.replace(/\s+/g, ' ');
    expect(code).toBe(0);
    expect(stdout).toMatch(/--port <port> .*env OHLCV_HEALTH_PORT; default: 8766/);
    expect(stdout).toMatch(/--host <host> .*default: 127\.0\.0\.1/);
    expect(stdout).toContain('--env-file <path>');
  });

  it('reads ./.env and --env-file (a bad value there is named)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohlcv-health-env-'));
    writeFileSync(join(dir, '.env'), 'OHLCV_HEALTH_WATCH=binance:spot:BTCUSDT:1m\nOHLCV_HEALTH_PORT=nope\n');
    writeFileSync(
      join(dir, 'other.env'),
      'OHLCV_HEALTH_WATCH=binance:spot:BTCUSDT:1m\nOHLCV_LOG_LEVEL=loud\n',
    );
    const fromDotEnv = await run([], dir);
    expect(fromDotEnv.code).toBe(2);
    expect(fromDotEnv.stderr).toContain('invalid OHLCV_HEALTH_PORT: "nope"');
    const fromFlag = await run(['--env-file', 'other.env'], dir);
    expect(fromFlag.code).toBe(2);
    expect(fromFlag.stderr).toContain('invalid OHLCV_LOG_LEVEL: unknown log level "loud"');
    // Node 20 itself also acts on --env-file after the script name, and exits 9 for a missing file.
    const missing = await run(['--env-file', 'missing.env'], dir);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('missing.env');
  });
});
