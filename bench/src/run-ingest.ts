import { benchIngest, ingestReport } from './ingest-socket';

benchIngest(Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 3)).then(
  (result) => process.stdout.write(`${ingestReport(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
