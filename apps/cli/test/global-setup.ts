/**
 * Builds the CLI once before the end-to-end tests, which run `node dist/cli.js` as a user would. The
 * workspace packages it imports resolve through their built `dist` (turbo's `^build` builds them
 * first); when run outside turbo, any of them still unbuilt is built here, core first.
 * Under turbo (TURBO_HASH set) or with OHLCV_TEST_SKIP_BUILD=1 an existing dist/cli.js is reused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsup = resolve(cliDirectory, '../../node_modules/.bin/tsup');

function build(directory: string): void {
  execFileSync(tsup, [], { cwd: directory, stdio: ['ignore', 'ignore', 'inherit'] });
}

function workspaceDependencies(): string[] {
  const manifest = JSON.parse(readFileSync(join(cliDirectory, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.entries(manifest.dependencies ?? {})
    .filter(([, version]) => version.startsWith('workspace:'))
    .map(([name]) => name)
    .sort((a, b) => Number(b === '@ohlcv/core') - Number(a === '@ohlcv/core'));
}

export default function setup(): void {
  for (const name of workspaceDependencies()) {
    const directory = join(cliDirectory, 'node_modules', name);
    if (!existsSync(join(directory, 'dist', 'index.js'))) build(directory);
  }
  // Under turbo the build task already ran (and rebuilding here would race turbo's lint of dist);
  // OHLCV_TEST_SKIP_BUILD=1 reuses an existing build while iterating on tests.
  const reuse = process.env.TURBO_HASH !== undefined || process.env.OHLCV_TEST_SKIP_BUILD === '1';
  if (reuse && existsSync(join(cliDirectory, 'dist', 'cli.js'))) return;
  build(cliDirectory);
}
