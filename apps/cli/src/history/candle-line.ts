import { type Candle, isExchangeId, isInterval, isMarketType } from '@ohlcv/core';
import { CSV_COLUMNS } from '../format/csv-formatter';

export type FileFormat = 'ndjson' | 'csv';

/** Reads back one line the CLI wrote (ndjson or csv). Throws naming what is wrong. */
export function parseCandleLine(line: string, format: FileFormat): Candle {
  const record = format === 'ndjson' ? parseJsonRecord(line) : parseCsvRecord(line);
  const { exchange, market, symbol, interval, openTime, closed } = record;
  if (
    !isExchangeId(exchange) ||
    !isMarketType(market) ||
    typeof symbol !== 'string' ||
    !isInterval(interval)
  ) {
    throw new Error(`not a ${format} candle line: ${line.slice(0, 120)}`);
  }
  if (typeof openTime !== 'number' || !Number.isSafeInteger(openTime) || typeof closed !== 'boolean') {
    throw new Error(`not a ${format} candle line (openTime, closed): ${line.slice(0, 120)}`);
  }
  return record as unknown as Candle;
}

function parseJsonRecord(line: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`not an ndjson line: ${line.slice(0, 120)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`not an ndjson object: ${line.slice(0, 120)}`);
  }
  return value as Record<string, unknown>;
}

const TEXT_COLUMNS = new Set<string>(['exchange', 'market', 'symbol', 'interval']);

function parseCsvRecord(line: string): Record<string, unknown> {
  const fields = line.split(',');
  if (fields.length !== CSV_COLUMNS.length) {
    throw new Error(`expected ${CSV_COLUMNS.length} csv fields, got ${fields.length}: ${line.slice(0, 120)}`);
  }
  const record: Record<string, unknown> = {};
  CSV_COLUMNS.forEach((column, index) => {
    const field = fields[index] as string;
    if (field === '') return;
    if (TEXT_COLUMNS.has(column)) record[column] = field;
    else if (column === 'closed')
      record[column] = field === 'true' ? true : field === 'false' ? false : field;
    else record[column] = Number(field);
  });
  return record;
}
