import {
  type CandleStore,
  createFeed,
  type FeedOptions,
  type StreamId,
  streamKey,
  type VenueAdapter,
} from '@ohlcv/core';
import { createMetricsObserver, startHealthServer } from '@ohlcv/health';
import { createStore } from '@ohlcv/store';
import type { Logger } from 'pino';
import { keepAlive } from '../keep-alive';
import { reportError } from '../report';
import { EXIT } from '../usage-error';
import { CandleWriter } from './candle-writer';
import { RecordMetrics } from './record-metrics';
import { startRecordProgress } from './record-progress';
import { StreamRecorder } from './stream-recorder';

export interface RecordRun {
  /** Streams as given (symbols native or unified). */
  streams: readonly StreamId[];
  adapters: readonly VenueAdapter[];
  storeUrl: string;
  from: number | undefined;
  healthPort: number | undefined;
  showProgress: boolean;
  feedOptions: Omit<FeedOptions, 'adapters' | 'logger' | 'observer'>;
  logger: Logger;
}

/** Records closed candles of every stream into the store until SIGINT/SIGTERM. Returns the exit code. */
export async function runRecord(run: RecordRun): Promise<number> {
  let store: CandleStore;
  try {
    store = await createStore(run.storeUrl);
  } catch (error) {
    reportError((error as Error).message);
    return EXIT.failure;
  }
  const metrics = new RecordMetrics(
    run.streams.map((id) => streamKey(id)),
    () => Date.now(),
  );
  const feed = createFeed({
    ...run.feedOptions,
    adapters: run.adapters,
    logger: run.logger,
    observer: createMetricsObserver(metrics.registry),
  });
  const writer = new CandleWriter({
    store,
    onWritten: (candles) => metrics.written(candles, 'live', streamKey),
    onError: (error) => {
      metrics.writeFailed();
      run.logger.error(
        { err: error },
        `writing to ${store.displayUrl} failed (retrying): ${(error as Error).message}`,
      );
    },
  });
  const release = keepAlive();
  const recorders: StreamRecorder[] = [];
  const subscriptions: Array<{ close(): void }> = [];
  const health =
    run.healthPort === undefined
      ? undefined
      : await startHealthServer({
          port: run.healthPort,
          registry: metrics.registry,
          status: () => feed.status(),
        });
  if (health) run.logger.info({ port: health.port }, `health on http://${health.host}:${health.port}/health`);
  const progress = startRecordProgress({
    enabled: run.showProgress,
    stream: process.stderr,
    metrics,
    streams: () => recorders.map((r) => r.key),
  });

  let failed = 0;
  const finished = new Promise<number>((resolve) => {
    process.once('SIGINT', () => resolve(EXIT.ok));
    process.once('SIGTERM', () => resolve(EXIT.ok));
    const fail = (input: StreamId, error: unknown) => {
      failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      reportError(`${streamKey(input)}: ${message}`);
      if (failed === run.streams.length) resolve(EXIT.failure);
    };
    for (const input of run.streams) {
      startStream(input).catch((error: unknown) => fail(input, error));
    }
    async function startStream(input: StreamId): Promise<void> {
      const symbol = await feed.resolveSymbol(input.exchange, input.market, input.symbol);
      const id: StreamId = { ...input, symbol };
      const recorder = new StreamRecorder({
        id,
        feed,
        store,
        writer,
        logger: run.logger,
        from: run.from,
        now: () => Date.now(),
        onBackfilled: (candles) => metrics.written(candles, 'rest', streamKey),
      });
      recorders.push(recorder);
      const last = await store.last(id);
      if (last) metrics.storedUntil(recorder.key, last.closeTime + 1);
      subscriptions.push(
        feed.subscribe(id, {
          onEvent: (event) => {
            if (event.type === 'candle') recorder.candle(event.candle);
            else if (event.type === 'gap') recorder.gap(event.to);
            else if (event.type === 'error') fail(input, event.error);
          },
        }),
      );
      run.logger.info({ stream: recorder.key, store: store.displayUrl }, `recording ${recorder.key}`);
      await recorder.start();
    }
  });

  const code = await finished;
  for (const recorder of recorders) recorder.stop();
  for (const subscription of subscriptions) subscription.close();
  progress.stop();
  await writer.close();
  await feed.close();
  await store.close();
  await health?.close();
  release();
  run.logger.info({ rows: metrics.rowsTotal }, `stopped: ${metrics.rowsTotal} rows written`);
  return code;
}
