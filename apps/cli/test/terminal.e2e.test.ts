/** `ohlcv demo` on a real pseudo-terminal (util-linux `script`): open candles update in place. */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Screen } from './terminal-screen';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');
const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;
if (!hasScript)
  console.warn('[cli] NOT RUN — terminal.e2e: `script` (util-linux) not found: apt-get install -y bsdutils');

function runOnTerminal(args: readonly string[]): Promise<{ raw: string; code: number | null }> {
  const command = [process.execPath, CLI, ...args].map((word) => `'${word}'`).join(' ');
  return new Promise((done) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], {
      env: { ...process.env, COLUMNS: '160', LINES: '40', TERM: 'xterm' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let raw = '';
    child.stdout.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    child.on('close', (code) => done({ raw, code }));
  });
}

describe.runIf(hasScript || process.env.CI === 'true')('ohlcv on a terminal', () => {
  it('demo: open candles are drawn in place below the closed ones and cleared at the end', {
    timeout: 60_000,
  }, async () => {
    const { raw, code } = await runOnTerminal([
      'demo',
      '--speed',
      '600',
      '--limit',
      '6',
      '--log-level',
      'error',
    ]);
    expect(code).toBe(0);
    expect(raw).toContain('\x1b[J'); // the open block was redrawn in place at least once
    expect(raw).toMatch(/ open\r?\n/); // and it showed open candles
    const screen = new Screen();
    screen.feed(raw);
    const lines = screen.visible().filter((line) => line.trim() !== '');
    const closed = lines.filter((line) => /\bclosed\b/.test(line));
    expect(closed).toHaveLength(6);
    expect(lines.filter((line) => / open$/.test(line.trimEnd()))).toEqual([]); // none left behind
    // Aligned: every closed line has its H column at the same place.
    expect(new Set(closed.map((line) => line.indexOf(' H '))).size).toBe(1);
  });
});
