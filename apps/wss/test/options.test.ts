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

  it("the older connector's documented start-up: cp .env.example .env; --host 0.0.0.0", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohlcv-wss-legacy-'));
    const example = [
      'CONNECTOR_INACTIVITY_TIMEOUT=3.0',
      'CONNECTOR_WS_PING_TIMEOUT=10.0',
      'CONNECTOR_STREAM_IDLE_TIMEOUT=8.0',
      'CONNECTOR_MAX_SYMBOL_PER_WS=100',
      'CONNECTOR_LOG_LEVEL=INFO',
      'CONNECTOR_WSS_HOST=0.0.0.0',
      'CONNECTOR_WSS_PORT=8765',
      'CONNECTOR_WSS_LOG_LEVEL=INFO',
      'CONNECTOR_WSS_SUBSCRIBE_TIMEOUT=10.0',
      'CONNECTOR_WSS_HEALTH_CHECK_PORT=8766',
      'CONNECTOR_WSS_HEALTH_CHECK_ENABLED=true',
    ].join('\n');
    writeFileSync(join(dir, '.env'), `${example}\n`);
    const refused = await runBinary(['--host', '0.0.0.0', '--port', '0'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('add OHLCV_WSS_TOKEN=<secret>');
    expect(refused.stderr).toContain('--allow-unauthenticated-remote');
    const tuned = await runBinary(['--port', '0'], { cwd: dir, env: { CONNECTOR_MAX_SYMBOL_PER_WS: '25' } });
    expect(tuned.code).toBe(2);
    expect(tuned.stderr).toContain('CONNECTOR_MAX_SYMBOL_PER_WS=25 cannot be honoured');
    const server = await startServerProcess(
      ['--host', '0.0.0.0', '--health-port', '0'],
      { OHLCV_WSS_TOKEN: 'a-long-secret-token' },
      { cwd: dir },
    );
    try {
      const listening = await server.waitForLog((line) => line.msg === 'listening');
      expect(listening).toMatchObject({
        host: '0.0.0.0',
        legacySubscribeTimeoutMs: 10_000,
        legacyIdleTimeoutMs: 8_000,
      });
      expect(
        server.logs.some((line) =>
          String(line.msg).startsWith('CONNECTOR_MAX_SYMBOL_PER_WS=100 has no setting here'),
        ),
      ).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
