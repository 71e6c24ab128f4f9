import { readFileSync, writeFileSync } from 'node:fs';
import { replaceSection } from './doc-sections';
import { STORE_SECTION_INTRO, type StoreBench, storeReport } from './store-throughput';

export const STORE_HEADING = '## Candle stores: write throughput and reading one year of 1m candles';

/** The docs/benchmarks.md section of the store benchmark. */
function storeSection(bench: StoreBench): string {
  return `${STORE_HEADING}\n\n${STORE_SECTION_INTRO}\n\n${storeReport(bench)}\n`;
}

/** Replaces (or appends) the store section of a benchmarks file, leaving the other sections as they are. */
export function writeStoreSection(target: URL, bench: StoreBench): void {
  writeFileSync(target, replaceSection(readFileSync(target, 'utf8'), STORE_HEADING, storeSection(bench)));
}
