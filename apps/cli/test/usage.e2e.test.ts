import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { runCli } from './run-cli';

/** A usage error: exit 2, nothing on stdout, a one-line message and a hint on stderr. */
async function expectUsageError(args: string[], message: RegExp): Promise<string> {
  const result = await runCli(args);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdoutLines).toEqual([]);
  const lines = result.stderr.trim().split('\n');
  expect(lines[0]).toMatch(message);
  expect(lines.slice(1).join('\n')).toMatch(/hint: |--help/);
  return result.stderr;
}

describe('ohlcv usage errors (exit 2)', () => {
  it('rejects an unknown exchange, listing the known ones', async () => {
    const stderr = await expectUsageError(['stream', 'kraken', 'BTCUSDT'], /unknown exchange "kraken"/);
    expect(stderr).toContain('binance');
  });

  it('rejects an unknown market, naming the flag', async () => {
    await expectUsageError(
      ['stream', 'binance', 'BTCUSDT', '--market', 'moon'],
      /invalid --market: .*"moon"/,
    );
  });

  it('rejects an unknown market from the environment, naming the variable', async () => {
    const fromEnv = await runCli(['stream', 'binance', 'BTCUSDT'], { OHLCV_MARKET: 'moon' });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toMatch(/invalid OHLCV_MARKET: .*"moon"/);
  });

  it('rejects an unknown interval', async () => {
    await expectUsageError(
      ['stream', 'binance', 'BTCUSDT', '--interval', '7m'],
      /invalid --interval: .*"7m"/,
    );
  });

  it('rejects 1s on usdm, listing the intervals it has', async () => {
    const stderr = await expectUsageError(
      ['stream', 'binance', 'BTCUSDT', '--market', 'usdm', '--interval', '1s'],
      /binance usdm has no interval "1s"/,
    );
    expect(stderr).toMatch(/hint: intervals on binance usdm: .*1m/);
  });

  it('rejects an unknown flag', async () => {
    await expectUsageError(['stream', 'binance', 'BTCUSDT', '--bogus'], /unknown option '--bogus'/);
  });

  it('rejects an unknown command', async () => {
    await expectUsageError(['fly'], /unknown command 'fly'/);
  });

  it('rejects a bad time for history, naming the flag and the value', async () => {
    await expectUsageError(
      ['history', 'binance', 'BTCUSDT', '--from', 'yesterday'],
      /invalid --from: .*"yesterday"/,
    );
  });
});

describe('ohlcv help and version (exit 0)', () => {
  it('--version prints the package version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdoutLines[0]).toBe(packageJson.version);
  });

  it('-V prints the version (commander convention) and every command takes --env-file', async () => {
    const result = await runCli(['-V']);
    expect(result.code).toBe(0);
    expect(result.stdoutLines[0]).toBe(packageJson.version);
    const dir = mkdtempSync(join(tmpdir(), 'ohlcv-cli-env-'));
    const file = join(dir, 'settings.env');
    writeFileSync(file, 'OHLCV_FORMAT=fancy\n');
    for (const args of [
      ['--env-file', file, 'stream', 'binance', 'BTCUSDT'],
      ['stream', 'binance', 'BTCUSDT', '--env-file', file],
    ]) {
      const bad = await runCli(args);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('invalid OHLCV_FORMAT: unknown format "fancy"');
    }
  });

  it('--help lists every command', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    const text = result.stdoutLines.join('\n');
    for (const command of ['stream', 'history', 'markets', 'demo', 'chart', 'ingest'])
      expect(text).toContain(command);
  });

  it.each(['stream', 'history', 'markets', 'demo', 'chart', 'ingest'])(
    '%s --help shows usage and examples',
    async (command) => {
      const result = await runCli([command, '--help']);
      expect(result.code).toBe(0);
      const text = result.stdoutLines.join('\n');
      expect(text).toContain(`Usage: ohlcv ${command}`);
      expect(text).toMatch(/Examples:\n {2}ohlcv /);
    },
  );
});
