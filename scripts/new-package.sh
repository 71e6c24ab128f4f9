#!/usr/bin/env bash
# usage: mkpkg dir name description cjs(yes/no)
set -e
dir=$1; name=$2; desc=$3; cjs=$4
mkdir -p "$dir/src"
if [ "$cjs" = yes ]; then
exports='".": {
      "@ohlcv/source": "./src/index.ts",
      "import": { "types": "./dist/index.d.ts", "default": "./dist/index.js" },
      "require": { "types": "./dist/index.d.cts", "default": "./dist/index.cjs" }
    }'
formats="['esm', 'cjs']"
main='"main": "./dist/index.cjs",
  "module": "./dist/index.js",
  "types": "./dist/index.d.ts",'
attw="attw --pack ."
else
exports='".": {
      "@ohlcv/source": "./src/index.ts",
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    }'
formats="['esm']"
main='"module": "./dist/index.js",
  "types": "./dist/index.d.ts",'
attw="attw --pack . --profile esm-only"
fi
cat > "$dir/package.json" <<JSON
{
  "name": "$name",
  "version": "0.1.0",
  "description": "$desc",
  "license": "MIT",
  "type": "module",
  "sideEffects": false,
  "engines": { "node": ">=20.18" },
  $main
  "exports": {
    $exports,
    "./package.json": "./package.json"
  },
  "files": ["dist", "src", "!src/**/*.test.ts", "!src/**/__fixtures__"],
  "publishConfig": { "access": "public" },
  "scripts": {
    "build": "tsup",
    "typecheck": "tsc -p tsconfig.json",
    "test": "vitest run",
    "lint": "publint --strict && $attw"
  },
  "dependencies": {},
  "devDependencies": {}
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "include": ["src", "test", "*.config.ts"]
}
JSON
cat > "$dir/tsup.config.ts" <<TS
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: $formats,
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
TS
cat > "$dir/vitest.config.ts" <<TS
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@ohlcv/source'] },
  ssr: { resolve: { conditions: ['@ohlcv/source'], externalConditions: ['@ohlcv/source'] } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 20_000 },
});
TS
[ -f "$dir/src/index.ts" ] || echo "export {};" > "$dir/src/index.ts"
