import { benchScale, scaleReport } from './scale-streams';

const counts = (process.argv[2] ?? '1000,10000').split(',').map(Number);
benchScale(counts, Number(process.argv[3] ?? 1)).then(
  (result) => process.stdout.write(`${scaleReport(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
