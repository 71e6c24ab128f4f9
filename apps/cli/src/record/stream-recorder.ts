import {
  alignOpenTime,
  type Candle,
  type CandleStore,
  type Feed,
  intervalMs,
  nextOpenTime,
  type StreamId,
  streamKey,
} from '@ohlcv/core';
import { fillHoles } from '@ohlcv/store';
import type { Logger } from 'pino';
import type { CandleWriter } from './candle-writer';

/** On restart, the stored stretch before the last stored candle checked for holes, in candles. */
const RESTART_LOOKBACK = 1_000;
/** Delay before a failed catch-up is tried again. */
const RETRY_MS = 5_000;
/** How long the backfill waits for a live candle to learn the venue's present. */
const VENUE_TIME_TIMEOUT_MS = 15_000;

export interface StreamRecorderOptions {
  id: StreamId;
  feed: Pick<Feed, 'history'>;
  store: CandleStore;
  writer: CandleWriter;
  logger: Logger;
  /** `--from`: backfill from here (else from the last stored candle; nothing when the store is empty). */
  from: number | undefined;
  now: () => number;
  /** See VENUE_TIME_TIMEOUT_MS. */
  venueTimeoutMs?: number;
  /** Each page fetched over REST and stored during a catch-up. */
  onBackfilled?: (candles: readonly Candle[]) => void;
}

/**
 * Records one stream: catches up over REST (from `--from` or the last stored candle to now) while
 * buffering the live closed candles, then hands live candles to the writer in order. A live candle
 * that skips open times the engine did not account for (as a `gap`) triggers another catch-up first,
 * so the store's rows of a stream are committed in increasing open time and have no hole.
 */
export class StreamRecorder {
  readonly key: string;
  readonly #o: StreamRecorderOptions;
  #catchingUp = true;
  #buffer: Candle[] = [];
  /** The open time the next live candle should have; undefined before any is known. */
  #next: number | undefined;
  #stopped = false;
  #seeVenueTime: ((openTime: number) => void) | undefined;
  /** The open time of the venue's current candle: the first live candle's, else the local clock's. */
  readonly #venueNow: Promise<number>;

  constructor(options: StreamRecorderOptions) {
    this.#o = options;
    this.key = streamKey(options.id);
    this.#venueNow = new Promise<number>((resolve) => {
      const fallback = setTimeout(() => {
        this.#seeVenueTime = undefined;
        resolve(alignOpenTime(options.id.interval, options.now()));
      }, options.venueTimeoutMs ?? VENUE_TIME_TIMEOUT_MS);
      fallback.unref();
      this.#seeVenueTime = (openTime) => {
        clearTimeout(fallback);
        resolve(openTime);
      };
    });
  }

  /** Backfills from `--from` / the last stored candle, then goes live. */
  async start(): Promise<void> {
    const { id, store, from } = this.#o;
    const last = await store.last(id);
    let start = from;
    if (last !== undefined) {
      // Holes just before the last stored candle (a write cut short) are filled too; cheap when none.
      start ??= Math.max(
        last.openTime - RESTART_LOOKBACK * intervalMs(id.interval),
        await firstStoredOpenTime(store, id, last.openTime),
      );
      this.#next = nextOpenTime(id.interval, last.openTime);
    }
    if (start === undefined) {
      this.#goLive();
      return;
    }
    const to = await this.#venueNow;
    if (start >= to) {
      this.#goLive();
      return;
    }
    await this.#catchUp(start, to);
  }

  /**
   * Every candle of the live subscription (open updates too: the first one tells where the venue's
   * present is, the end of the backfill; the local clock is the fallback when none comes in time).
   */
  candle(candle: Candle): void {
    if (this.#seeVenueTime !== undefined) {
      this.#seeVenueTime(candle.openTime);
      this.#seeVenueTime = undefined;
    }
    if (candle.closed) this.#closed(candle);
  }

  #closed(candle: Candle): void {
    if (this.#stopped) return;
    if (this.#catchingUp) {
      this.#buffer.push(candle);
      return;
    }
    if (this.#next !== undefined && candle.openTime > this.#next) {
      this.#o.logger.warn(
        {
          stream: this.key,
          from: new Date(this.#next).toISOString(),
          to: new Date(candle.openTime).toISOString(),
        },
        `stream ${this.key}: live candles skipped open times, fetching them over REST`,
      );
      this.#buffer.push(candle);
      void this.#catchUp(this.#next, candle.openTime);
      return;
    }
    this.#o.writer.add([candle]);
    this.#advance(nextOpenTime(candle.interval, candle.openTime));
  }

  /** The engine reported closed candles in [from, to] the venue cannot provide: not a hole to fill. */
  gap(to: number): void {
    this.#advance(nextOpenTime(this.#o.id.interval, to));
  }

  stop(): void {
    this.#stopped = true;
  }

  #advance(next: number): void {
    if (this.#next === undefined || next > this.#next) this.#next = next;
  }

  async #catchUp(from: number, to: number): Promise<void> {
    this.#catchingUp = true;
    try {
      // Earlier live candles of this stream are committed first, so rows go in increasing open time.
      await this.#o.writer.flush();
      await fillHoles(
        this.#o.feed,
        this.#o.store,
        { ...this.#o.id, from, to },
        {
          onFetched: this.#o.onBackfilled,
        },
      );
      this.#advance(to);
      this.#goLive();
    } catch (error) {
      if (this.#stopped) return;
      this.#o.logger.error(
        { stream: this.key, err: error },
        `stream ${this.key}: catching up from ${new Date(from).toISOString()} failed (retrying in ${RETRY_MS / 1000}s): ${(error as Error).message}`,
      );
      setTimeout(() => void this.#catchUp(from, to), RETRY_MS).unref();
    }
  }

  #goLive(): void {
    const pending = this.#buffer;
    this.#buffer = [];
    this.#catchingUp = false;
    pending.sort((a, b) => a.openTime - b.openTime);
    for (const candle of pending) this.#closed(candle);
  }
}

async function firstStoredOpenTime(store: CandleStore, id: StreamId, fallback: number): Promise<number> {
  for await (const candle of store.range({ ...id, from: 0, to: fallback, pageSize: 1 }))
    return candle.openTime;
  return fallback;
}
