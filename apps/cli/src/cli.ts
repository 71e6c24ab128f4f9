#!/usr/bin/env node
import { main } from './main';

// Output piped into a reader that stops early (`ohlcv --help | head`): not a crash. Commands that stream
// to stdout also watch for this and end their run.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

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
