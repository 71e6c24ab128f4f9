import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { KeepAlive } from './keep-alive';
import { waitFor } from './test-support/event-recorder';
import { MINUTE } from './test-support/feed-harness';
import { startToyVenue, type ToyVenue } from './test-support/toy-venue-server';

let venue: ToyVenue | undefined;
let child: ChildProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await venue?.close();
  venue = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('KeepAlive', () => {
  it('holds one handle while anything is held, released once per hold', () => {
    const keepAlive = new KeepAlive();
    const first = keepAlive.hold();
    const second = keepAlive.hold();
    expect(keepAlive.holding).toBe(true);
    first();
    first();
    expect(keepAlive.count).toBe(1);
    expect(keepAlive.holding).toBe(true);
    second();
    expect(keepAlive.count).toBe(0);
    expect(keepAlive.holding).toBe(false);
  });

  it('holds nothing when disabled', () => {
    const keepAlive = new KeepAlive(false);
    const release = keepAlive.hold();
    expect(keepAlive.holding).toBe(false);
    release();
  });
});

/** Bundles a test-support script (source, as the `@ohlcv/source` condition resolves it) for Node. */
async function bundle(script: string, format: 'esm' | 'cjs'): Promise<string> {
  dir ??= await mkdtemp(join(tmpdir(), 'ohlcv-keep-alive-'));
  const outfile = join(dir, `script.${format === 'esm' ? 'mjs' : 'cjs'}`);
  await build({
    entryPoints: [fileURLToPath(new URL(`./test-support/${script}`, import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    conditions: ['@ohlcv/source'],
    external: ['bufferutil', 'utf-8-validate'],
    // ws and undici are CommonJS: give an ESM bundle a require of its own.
    ...(format === 'esm'
      ? {
          banner: {
            js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
          },
        }
      : {}),
    logLevel: 'silent',
  });
  return outfile;
}

describe('a process whose only work is iterating a subscription', () => {
  it.each([
    ['ESM', 'subscribe-only-esm.ts', 'esm'],
    ['CommonJS', 'subscribe-only-cjs.ts', 'cjs'],
  ] as const)('stays alive through an outage (%s)', async (_name, script, format) => {
    const file = await bundle(script, format);
    const toy = await startToyVenue();
    venue = toy;
    const lines: Array<{ type: string; attempt?: number }> = [];
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let stderr = '';
    const spawned = spawn(process.execPath, [file], {
      env: { ...process.env, TOY_WS: toy.wsBase, TOY_REST: toy.restBase },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = spawned;
    let pending = '';
    spawned.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) if (line.trim() !== '') lines.push(JSON.parse(line));
    });
    spawned.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    spawned.on('exit', (code, signal) => {
      exit = { code, signal };
    });
    const alive = (): boolean => {
      if (exit)
        throw new Error(
          `the script exited (${JSON.stringify(exit)}) after ${JSON.stringify(lines)}; ${stderr}`,
        );
      return true;
    };
    await waitFor(() => alive() && toy.subscriptionCount() === 1, 'the script to subscribe', 15_000);
    toy.advance(MINUTE);
    await waitFor(() => alive() && lines.some((line) => line.type === 'candle'), 'a candle', 15_000);
    // The venue goes away: every reconnect is refused; only the engine's (unref'd) timers remain.
    await toy.close();
    venue = undefined;
    await waitFor(
      () => alive() && lines.filter((line) => line.type === 'reconnect').length >= 4,
      'four reconnect attempts while the venue is down',
      15_000,
    );
    expect(exit).toBeUndefined();
    expect(lines.some((line) => line.type === 'end')).toBe(false);
  });
});
