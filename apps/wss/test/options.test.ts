import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { runBinary } from './run-binary';
import { startServerProcess } from './server-process';

describe('ohlcv-wss options', () => {
  it('--version and -V print the version', async () => {
    for (const flag of ['--version', '-V']) {
      const result = await runBinary([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(packageJson.version);
    }
  });

  it('--help shows every default and variable', async () => {
    const { code, stdout: text } = await runBinary(['--help']);
    const stdout = text.replace(/\s+/g, ' ');
    expect(code).toBe(0);
    expect(stdout).toMatch(/--port <port> .*env OHLCV_WSS_PORT or CONNECTOR_WSS_PORT; default: 8765/);
    expect(stdout).toMatch(/--max-clients <n> .*default: 1000/);
    expect(stdout).toContain('--env-file <path>');
  });

  it('reads ./.env (variables already set win) and --env-file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohlcv-wss-env-'));
    writeFileSync(join(dir, '.env'), 'OHLCV_WSS_MAX_CLIENTS=7 # a comment\nOHLCV_WSS_LINGER_MS=1\n');
    writeFileSync(join(dir, 'bad.env'), 'OHLCV_WSS_MAX_CLIENTS=many\n');
    const server = await startServerProcess([], { OHLCV_WSS_LINGER_MS: '2' }, { cwd: dir });
    try {
      const listening = await server.waitForLog((line) => line.msg === 'listening');
      expect(listening).toMatchObject({ maxClients: 7, lingerMs: 2, envFile: join(dir, '.env') });
    } finally {
      await server.stop();
    }
    const bad = await runBinary(['--port', '0', '--env-file', 'bad.env'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid OHLCV_WSS_MAX_CLIENTS: "many"');
  });
});
