import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

/** The `pnpm … deploy …` command of the Dockerfile's build stage, with its output folder. */
function deployCommand(): { args: string[]; out: string } {
  const match = /pnpm (--filter \S+ deploy [^\\\n]*?) (\/\S+)\s*$/m.exec(dockerfile);
  if (!match) throw new Error('the Dockerfile has no `pnpm --filter … deploy … /out` step');
  return { args: match[1]!.split(/\s+/), out: match[2]! };
}

function firstJsonLine(child: ChildProcess): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line) as Record<string, unknown>));
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before logging`)));
  });
}

describe('the image contents (the Dockerfile’s pnpm deploy step, run here without Docker)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ohlcv-image-'));
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds a server that starts from /app/dist/cli.js and answers /health and /ready', async () => {
    expect(existsSync(join(root, 'apps/wss/dist/cli.js')), 'build first: pnpm build').toBe(true);
    const { args } = deployCommand();
    const app = join(dir, 'app');
    execFileSync('pnpm', [...args, app], { cwd: root, stdio: 'pipe' });
    expect(existsSync(join(app, 'dist/cli.js'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/@ohlcv/core/dist/index.js'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/vitest'))).toBe(false);

    server = spawn(process.execPath, [join(app, 'dist/cli.js'), '--port', '0', '--health-port', '0'], {
      cwd: app,
      env: { PATH: process.env.PATH, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const listening = await firstJsonLine(server);
    expect(listening.msg).toBe('listening');
    const port = listening.port as number;
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);
  });
});
