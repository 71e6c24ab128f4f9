import type { Candle, CandleStore } from '@ohlcv/core';

export interface CandleWriterOptions {
  store: CandleStore;
  /** Write once this many candles are queued. @default 1_000 */
  maxBatch?: number;
  /** Write queued candles at least this often. @default 250 */
  flushMs?: number;
  /** After each successful write, with what it wrote. */
  onWritten?: (candles: readonly Candle[]) => void;
  /** A write failed; the candles stay queued and are retried at the next flush. */
  onError?: (error: unknown) => void;
}

/**
 * Batches closed candles from many streams into one store write (one transaction) per flush, writes
 * serialized in arrival order so a stream's rows are committed in increasing open time.
 */
export class CandleWriter {
  readonly #options: CandleWriterOptions;
  #queue: Candle[] = [];
  #writing: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: CandleWriterOptions) {
    this.#options = options;
  }

  add(candles: readonly Candle[]): void {
    if (this.#closed || candles.length === 0) return;
    for (const candle of candles) this.#queue.push(candle);
    if (this.#queue.length >= (this.#options.maxBatch ?? 1_000)) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#options.flushMs ?? 250);
  }

  /** Writes everything queued so far; resolves once it is committed (or failed and re-queued). */
  flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#writing = this.#writing.then(() => this.#writeQueued());
    return this.#writing;
  }

  async #writeQueued(): Promise<void> {
    if (this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    try {
      await this.#options.store.write(batch);
      this.#options.onWritten?.(batch);
    } catch (error) {
      this.#queue = batch.concat(this.#queue);
      this.#options.onError?.(error);
      if (!this.#closed) this.#timer ??= setTimeout(() => void this.flush(), 1_000);
    }
  }

  /** Flushes and stops accepting candles. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }
}
