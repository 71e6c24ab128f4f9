import { copyFile, mkdir } from 'node:fs/promises';
import { build } from 'esbuild';
import { defineConfig } from 'tsup';

/** The chart page (src/ui): bundled with lightweight-charts into dist/ui, served by the server itself. */
async function buildChartPage(): Promise<void> {
  await mkdir('dist/ui', { recursive: true });
  await build({
    entryPoints: ['src/ui/chart.ts', 'src/ui/chart.css'],
    outdir: 'dist/ui',
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  await copyFile('src/ui/index.html', 'dist/ui/index.html');
}

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  onSuccess: buildChartPage,
});
