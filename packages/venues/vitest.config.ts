import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@ohlcv/source'] },
  ssr: { resolve: { conditions: ['@ohlcv/source'], externalConditions: ['@ohlcv/source'] } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 20_000 },
});
