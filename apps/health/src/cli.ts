#!/usr/bin/env node
import { main } from './main';

main(process.argv, process.env).then(
  (code) => {
    process.exitCode = code;
    setTimeout(() => process.exit(code), 250).unref();
  },
  (error: unknown) => {
    process.stderr.write(`ohlcv-health: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
