import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { type Candle, type StreamId, streamKey } from '@ohlcv/core';
import { createStore } from '@ohlcv/store';
import type { Logger } from 'pino';
import { formatterFor } from '../format/formatter-for';
import { LineOutput } from '../output';
import { EXIT } from '../usage-error';
import { writeParquet } from './parquet-export';

export type ExportFormat = 'csv' | 'ndjson' | 'parquet';

export interface ExportRun {
  storeUrl: string;
  /** Streams to export (native symbols); every stored stream when empty. */
  streams: readonly StreamId[];
  from: number;
  to: number;
  format: ExportFormat;
  /** File to write; stdout when absent (not for parquet). */
  out: string | undefined;
  logger: Logger;
}

/** Lines written between waits for the output to drain. */
const FLUSH_EVERY = 5_000;

/** Writes the stored candles of the streams (one after another, each ascending). */
export async function runExport(run: ExportRun): Promise<number> {
  const store = await createStore(run.storeUrl);
  try {
    const streams = run.streams.length > 0 ? run.streams : await store.streams();
    let count = 0;
    const candles = (async function* () {
      for (const id of streams) {
        for await (const candle of store.range({ ...id, from: run.from, to: run.to })) {
          count += 1;
          yield candle;
        }
      }
    })();
    if (run.format === 'parquet') await writeParquet(run.out as string, candles);
    else await writeLines(run, candles);
    run.logger.info(
      { streams: streams.map((id) => streamKey(id)), candles: count, out: run.out ?? 'stdout' },
      `exported ${count} candles of ${streams.length} streams from ${store.displayUrl}`,
    );
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

async function writeLines(run: ExportRun, candles: AsyncIterable<Candle>): Promise<void> {
  const destination: Writable = run.out === undefined ? process.stdout : createWriteStream(run.out);
  const output = new LineOutput(destination);
  const formatter = formatterFor(run.format as 'csv' | 'ndjson');
  const header = formatter.header();
  if (header) output.line(header);
  let written = 0;
  for await (const candle of candles) {
    if (output.isClosed) break;
    output.line(formatter.format(candle, 'rest'));
    written += 1;
    if (written % FLUSH_EVERY === 0) await output.flush();
  }
  await output.flush();
  if (destination !== process.stdout) {
    await new Promise<void>((resolve, reject) => {
      destination.once('error', reject);
      destination.end(() => resolve());
    });
  }
}
