import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/bus-conformance.ts'],
  format: ['esm'],
  external: ['vitest'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
