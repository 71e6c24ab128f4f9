import { readFileSync, writeFileSync } from 'node:fs';
import { STORE_SECTION_INTRO, type StoreBench, storeReport } from './store-throughput';

const HEADING = '## Candle stores: write throughput and reading one year of 1m candles';

/** The docs/benchmarks.md section of the store benchmark. */
export function storeSection(bench: StoreBench): string {
  return `${HEADING}\n\n${STORE_SECTION_INTRO}\n\n${storeReport(bench)}\n`;
}

/** Replaces (or appends) the store section of a benchmarks file, leaving the other sections as they are. */
export function writeStoreSection(target: URL, bench: StoreBench): void {
  const text = readFileSync(target, 'utf8');
  const start = text.indexOf(HEADING);
  const section = storeSection(bench);
  if (start < 0) {
    writeFileSync(target, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf('\n## ', start + HEADING.length);
  writeFileSync(target, `${text.slice(0, start)}${section}${next < 0 ? '' : text.slice(next)}`);
}
