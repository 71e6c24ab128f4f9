import { benchHistoryRss, historyRssReport } from './history-rss';

benchHistoryRss(Number(process.argv[2] ?? 2)).then(
  (result) => process.stdout.write(`${historyRssReport(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
