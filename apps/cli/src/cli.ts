#!/usr/bin/env node
import { main } from './main';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
    // Sockets and timers of a finished run must not keep the process alive.
    setTimeout(() => process.exit(code), 250).unref();
  },
  (error: unknown) => {
    process.stderr.write(`ohlcv: ${String(error)}\n`);
    process.exit(1);
  },
);
