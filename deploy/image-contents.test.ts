import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

/** The repository's tracked files plus every package's built dist/, as the Docker build context has them. */
function copyWorkspace(target: string): void {
  mkdirSync(target, { recursive: true });
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(root, file), join(target, file));
  }
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, group))) {
      const dist = join(root, group, name, 'dist');
      if (existsSync(dist)) cpSync(dist, join(target, group, name, 'dist'), { recursive: true });
    }
  }
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
    // `pnpm deploy` rewrites the workspace's install state (node_modules/.pnpm-workspace-state-v1.json)
    // as if it were a --prod install, so the next `pnpm exec` there would drop every devDependency.
    // Deploy from a copy of the workspace instead (its tracked files and the built dist folders).
    const statePath = join(root, 'node_modules/.pnpm-workspace-state-v1.json');
    const stateBefore = existsSync(statePath) ? readFileSync(statePath, 'utf8') : undefined;
    const workspace = join(dir, 'workspace');
    copyWorkspace(workspace);
    const { args } = deployCommand();
    const app = join(dir, 'app');
    execFileSync('pnpm', [...args, '--offline', app], { cwd: workspace, stdio: 'pipe' });
    expect(existsSync(join(app, 'dist/cli.js'))).toBe(true);
    if (stateBefore !== undefined) expect(readFileSync(statePath, 'utf8')).toBe(stateBefore); // the workspace untouched
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
