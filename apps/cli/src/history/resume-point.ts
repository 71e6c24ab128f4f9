import { open, stat, truncate } from 'node:fs/promises';
import type { Candle } from '@ohlcv/core';
import { CSV_COLUMNS } from '../format/csv-formatter';
import { type FileFormat, parseCandleLine } from './candle-line';

/** Bytes read from the end of a file to find its last candles. */
const TAIL_BYTES = 64 * 1024;

export interface ResumePoint {
  /** The last closed candle in the file, if any. */
  last: Candle | undefined;
  /** Whether a csv header must still be written (the file is new or empty). */
  needsHeader: boolean;
}

/**
 * Where a download into `path` continues. An incomplete last line (an interrupted write) and trailing
 * open candles (`--include-open`) are cut off the file, so they are fetched again. A missing or empty
 * file continues from the start. Throws naming the file when its lines are not candles in `format`.
 */
export async function readResumePoint(path: string, format: FileFormat): Promise<ResumePoint> {
  const header = format === 'csv' ? CSV_COLUMNS.join(',') : undefined;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { last: undefined, needsHeader: header !== undefined };
    throw error;
  }
  const start = Math.max(0, size - TAIL_BYTES);
  const tail = size === 0 ? '' : await readRange(path, start, size - start);
  if (header !== undefined && start === 0 && tail.includes('\n') && !tail.startsWith(`${header}\n`)) {
    throw new Error(`${path} does not start with the csv header "${header}"`);
  }
  // Complete lines end with \n; anything after the last one is an interrupted write.
  let end = tail.lastIndexOf('\n') + 1;
  let last: Candle | undefined;
  while (end > 0) {
    const lineStart = tail.lastIndexOf('\n', end - 2) + 1;
    if (lineStart === 0 && start > 0) throw new Error(`${path}: a line longer than ${TAIL_BYTES} bytes`);
    const line = tail.slice(lineStart, end - 1);
    if (line === header) break;
    let candle: Candle;
    try {
      candle = parseCandleLine(line, format);
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`);
    }
    if (candle.closed) {
      last = candle;
      break;
    }
    end = lineStart;
  }
  const keep = start + Buffer.byteLength(tail.slice(0, end));
  if (keep < size) await truncate(path, keep);
  return { last, needsHeader: header !== undefined && keep === 0 };
}

async function readRange(path: string, position: number, length: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
