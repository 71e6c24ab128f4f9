import { benchFanOut, fanOutReport } from './fan-out';

const counts = (process.argv[2] ?? '100,1000').split(',').map(Number);
benchFanOut(counts, Number(process.argv[3] ?? 3), Number(process.argv[4] ?? 1)).then(
  (result) => process.stdout.write(`${fanOutReport(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
