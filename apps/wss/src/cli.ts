#!/usr/bin/env node
import { main } from './main';

main(process.argv, process.env).then(
  (code) => {
    process.exitCode = code;
    // Sockets and timers of a finished run must not keep the process alive.
    setTimeout(() => process.exit(code), 250).unref();
  },
  (error: unknown) => {
    process.stderr.write(
      `ohlcv-wss: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
