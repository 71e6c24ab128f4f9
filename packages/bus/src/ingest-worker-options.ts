import type { CandleBus, Clock, Feed, Logger } from '@ohlcv/core';
import { silentLogger, systemClock } from '@ohlcv/core';
import type { IngestObserver } from './leased-stream';

export interface IngestWorkerOptions {
  bus: CandleBus;
  /** The engine the worker subscribes through (one per worker; the worker does not close it). */
  feed: Feed;
  /** Unique per process. Default `<hostname-less random id>`. */
  workerId?: string;
  /** Streams this worker holds at most. @default 500 */
  maxStreams?: number;
  /** Lease time to live; renewed every third of it. Another worker takes a stream over at most this long after this one dies. @default 10_000 */
  leaseTtlMs?: number;
  /** How often demand is read and free streams are claimed. @default 1_000 */
  pollMs?: number;
  /** A stream nobody demands is released after this long. @default 15_000 */
  lingerMs?: number;
  /** See LeasedStreamContext. @default 100 */
  republishCandles?: number;
  /** @default 100_000 */
  maxBuffered?: number;
  /** @default 0 */
  seedHistory?: number;
  /** A stream that failed here (e.g. a symbol the venue refuses) is not claimed again for this long. @default 60_000 */
  failedRetryMs?: number;
  clock?: Clock;
  logger?: Logger;
  observer?: IngestObserver;
}

/** The options with every default filled in. */
export type ResolvedIngestWorkerOptions = Required<Omit<IngestWorkerOptions, 'workerId' | 'observer'>> & {
  observer: IngestObserver;
};

/** Fills in the defaults and checks the counts, naming a bad one. */
export function resolveIngestWorkerOptions(options: IngestWorkerOptions): ResolvedIngestWorkerOptions {
  const resolved: ResolvedIngestWorkerOptions = {
    bus: options.bus,
    feed: options.feed,
    maxStreams: options.maxStreams ?? 500,
    leaseTtlMs: options.leaseTtlMs ?? 10_000,
    pollMs: options.pollMs ?? 1_000,
    lingerMs: options.lingerMs ?? 15_000,
    republishCandles: options.republishCandles ?? 100,
    maxBuffered: options.maxBuffered ?? 100_000,
    seedHistory: options.seedHistory ?? 0,
    failedRetryMs: options.failedRetryMs ?? 60_000,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    observer: options.observer ?? {},
  };
  for (const [name, value] of [
    ['maxStreams', resolved.maxStreams],
    ['leaseTtlMs', resolved.leaseTtlMs],
    ['pollMs', resolved.pollMs],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`IngestWorker option ${name} must be an integer >= 1, got ${value}`);
    }
  }
  return resolved;
}

/** Shuffles in place (claim order: workers starting together do not all race for the same streams). */
export function shuffle<T>(items: T[]): void {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
}
