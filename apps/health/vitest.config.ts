import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@ohlcv/source'] },
  ssr: { resolve: { conditions: ['@ohlcv/source'], externalConditions: ['@ohlcv/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['test/global-setup.ts'],
  },
});
