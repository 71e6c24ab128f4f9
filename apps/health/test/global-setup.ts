import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The end-to-end tests run the BUILT server. Under turbo (`pnpm test`) the test task already depends
 * on build; run directly (`npx vitest run`), build here — turbo's cache makes a fresh build cheap.
 */
export default function setup(): void {
  const built = existsSync(new URL('../dist/cli.js', import.meta.url));
  // Under turbo the build already ran; OHLCV_TEST_SKIP_BUILD=1 reuses a build while iterating on tests.
  if (built && (process.env.TURBO_HASH !== undefined || process.env.OHLCV_TEST_SKIP_BUILD === '1')) return;
  execFileSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=@ohlcv/health', '--output-logs=errors-only'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
