import { extname } from 'node:path';
import type { FileFormat } from './candle-line';

/** The format a file's extension implies: `.csv` → csv; `.ndjson`, `.jsonl`, `.json` → ndjson; else none. */
export function formatFromExtension(path: string): FileFormat | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.ndjson' || extension === '.jsonl' || extension === '.json') return 'ndjson';
  return undefined;
}
