import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import {
  createFeed,
  type ExchangeId,
  type FeedObserver,
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
import { historySummaryLine } from './history-summary';
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
  /** End with a one-line summary on stderr (off with --quiet). */
  showSummary?: boolean;
  feedOptions: Omit<FeedOptions, 'adapters' | 'logger'>;
  logger: Logger;
  /** `--store URL`: read through this store, fetching only what it lacks. */
  storeUrl?: string;
}

/** Downloads [from, to) over REST to stdout or a file. Returns the exit code; venue failures throw. */
export async function runHistory(run: HistoryRun): Promise<number> {
  const adapter = checkVenueInput(run.exchange, run.market, run.interval);
  const startedAt = Date.now();
  const rest = countingRestCalls(run.feedOptions.observer);
  const feed = createFeed({
    ...run.feedOptions,
    observer: rest.observer,
    adapters: [adapter],
    logger: run.logger,
  });
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
    const expected = expectedCandles(run.interval, from, run.to);
    const progress = createHistoryProgress({
      enabled: run.showProgress,
      total: expected,
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
        // Page by page with back-pressure: memory stays flat whatever the range.
        for await (const candles of feed.historyPages(query, { signal: stop.signal })) {
          for (const candle of candles) output.line(formatter.format(candle, 'rest'));
          written += candles.length;
          progress.add(candles.length);
          await output.drained();
        }
      }
    } catch (error) {
      if (!stop.signal.aborted) throw error;
    } finally {
      progress.stop();
      await output.flush();
      if (destination !== process.stdout) await endStream(destination);
    }
    if (run.showSummary && !stop.signal.aborted) {
      const line = historySummaryLine({
        stream: `${run.exchange}:${run.market}:${symbol}:${run.interval}`,
        from,
        to: run.to,
        written,
        expected,
        elapsedMs: Date.now() - startedAt,
        restCalls: rest.count(),
        out: run.out,
        store: run.storeUrl !== undefined,
      });
      process.stderr.write(`ohlcv: ${line}\n`);
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

/** The feed's observer, counting REST requests on the way (for the summary line). */
function countingRestCalls(observer: FeedOptions['observer']): { observer: FeedObserver; count(): number } {
  let calls = 0;
  const counting: FeedObserver = {
    restRequest(info) {
      calls += 1;
      observer?.restRequest?.(info);
    },
  };
  return {
    observer: observer
      ? new Proxy(observer, {
          get: (target, key) => (key === 'restRequest' ? counting.restRequest : Reflect.get(target, key)),
        })
      : counting,
    count: () => calls,
  };
}
