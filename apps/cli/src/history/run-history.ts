import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import {
  createFeed,
  type ExchangeId,
  type FeedOptions,
  type Interval,
  type MarketType,
  nextOpenTime,
} from '@ohlcv/core';
import type { Logger } from 'pino';
import { checkVenueInput } from '../check-venue-input';
import { formatterFor } from '../format/formatter-for';
import { keepAlive } from '../keep-alive';
import { LineOutput } from '../output';
import { EXIT, UsageError } from '../usage-error';
import type { FileFormat } from './candle-line';
import { expectedCandles } from './expected-candles';
import { createHistoryProgress } from './history-progress';
import { readThroughStore } from './read-through-store';
import { readResumePoint } from './resume-point';

export interface HistoryRun {
  exchange: ExchangeId;
  market: MarketType;
  /** As the user typed it (native or unified). */
  symbol: string;
  interval: Interval;
  /** Open time, inclusive. */
  from: number;
  /** Open time, exclusive. */
  to: number;
  includeOpen: boolean;
  format: FileFormat;
  /** File to write; stdout when absent. */
  out: string | undefined;
  /** Continue after the last candle already in `out`. */
  resume: boolean;
  showProgress: boolean;
  feedOptions: Omit<FeedOptions, 'adapters' | 'logger'>;
  logger: Logger;
  /** `--store URL`: read through this store, fetching only what it lacks. */
  storeUrl?: string;
}

/** Downloads [from, to) over REST to stdout or a file. Returns the exit code; venue failures throw. */
export async function runHistory(run: HistoryRun): Promise<number> {
  const adapter = checkVenueInput(run.exchange, run.market, run.interval);
  const feed = createFeed({ ...run.feedOptions, adapters: [adapter], logger: run.logger });
  const release = keepAlive();
  try {
    const symbol = await feed.resolveSymbol(run.exchange, run.market, run.symbol);
    let from = run.from;
    let needsHeader = run.format === 'csv';
    let append = false;
    if (run.resume && run.out !== undefined) {
      const point = await readResumePointOrExplain(run.out, run.format);
      const stream = `${run.exchange}:${run.market}:${symbol}:${run.interval}`;
      if (point.last) {
        const found = `${point.last.exchange}:${point.last.market}:${point.last.symbol}:${point.last.interval}`;
        if (found !== stream) {
          throw new UsageError(
            `--resume: ${run.out} holds ${found}, not ${stream}`,
            'resume with the same exchange, market, symbol and interval, or write to another --out file',
          );
        }
        from = Math.max(from, nextOpenTime(run.interval, point.last.openTime));
      }
      needsHeader = point.needsHeader;
      append = true;
      if (from >= run.to) {
        run.logger.info({ out: run.out, stream }, 'nothing to resume: the file already reaches --to');
        return EXIT.ok;
      }
      run.logger.info({ out: run.out, from: new Date(from).toISOString() }, 'resuming');
    }

    const destination: Writable =
      run.out === undefined ? process.stdout : createWriteStream(run.out, { flags: append ? 'a' : 'w' });
    const output = new LineOutput(destination);
    const formatter = formatterFor(run.format);
    if (needsHeader) output.line(formatter.header() ?? '');
    const progress = createHistoryProgress({
      enabled: run.showProgress,
      total: expectedCandles(run.interval, from, run.to),
      stream: process.stderr,
    });
    // A closed pipe (`| head`) ends the download quietly.
    const stop = new AbortController();
    output.onClosed = () => stop.abort();
    let written = 0;
    try {
      const query = {
        exchange: run.exchange,
        market: run.market,
        symbol,
        interval: run.interval,
        from,
        to: run.to,
        includeOpen: run.includeOpen,
      };
      if (run.storeUrl !== undefined) {
        written = await readThroughStore(
          run.storeUrl,
          feed,
          query,
          stop.signal,
          (candle) => {
            output.line(formatter.format(candle, 'rest'));
            progress.add(1);
          },
          () => output.flush(),
        );
      } else {
        await feed.history(query, {
          onPage: (candles) => {
            for (const candle of candles) output.line(formatter.format(candle, 'rest'));
            written += candles.length;
            progress.add(candles.length);
          },
          signal: stop.signal,
        });
      }
    } catch (error) {
      if (!stop.signal.aborted) throw error;
    } finally {
      progress.stop();
      await output.flush();
      if (destination !== process.stdout) await endStream(destination);
    }
    if (written === 0 && !stop.signal.aborted) {
      run.logger.warn(
        { from: new Date(from).toISOString(), to: new Date(run.to).toISOString() },
        'the venue has no closed candles in this range',
      );
    }
    return EXIT.ok;
  } finally {
    release();
    await feed.close();
  }
}

async function readResumePointOrExplain(
  path: string,
  format: FileFormat,
): ReturnType<typeof readResumePoint> {
  try {
    return await readResumePoint(path, format);
  } catch (error) {
    throw new UsageError(
      `--resume: ${(error as Error).message}`,
      `is --format ${format} the format of ${path}?`,
    );
  }
}

function endStream(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}
