import { writeStoreSection } from './store-section';
import { benchStores, storeReport } from './store-throughput';

/** `pnpm --filter @ohlcv/bench bench:store`: only the store benchmark, its section of docs/benchmarks.md refreshed. */
const target = new URL('../../docs/benchmarks.md', import.meta.url);
benchStores()
  .then((bench) => {
    process.stderr.write(`${storeReport(bench)}\n`);
    writeStoreSection(target, bench);
    process.stderr.write(`written ${target.pathname}\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
