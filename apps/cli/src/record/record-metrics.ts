import type { Candle } from '@ohlcv/core';
import { Counter, Gauge, Registry } from 'prom-client';

/** What `ohlcv record` exports at /metrics besides the feed's own metrics. */
export class RecordMetrics {
  readonly registry = new Registry();
  readonly #rows: Counter<'stream' | 'source'>;
  readonly #errors: Counter<string>;
  /** Per stream: the close time (exclusive) of the newest stored candle. */
  readonly #storedUntil = new Map<string, number>();
  #rowsTotal = 0;

  constructor(streams: readonly string[], now: () => number) {
    this.#rows = new Counter({
      name: 'ohlcv_store_rows_written_total',
      help: 'Closed candles written to the store (live or backfilled over REST).',
      labelNames: ['stream', 'source'],
      registers: [this.registry],
    });
    this.#errors = new Counter({
      name: 'ohlcv_store_write_errors_total',
      help: 'Store writes that failed (the candles are kept and retried).',
      registers: [this.registry],
    });
    const storedUntil = this.#storedUntil;
    new Gauge({
      name: 'ohlcv_store_lag_seconds',
      help: 'How far the newest stored closed candle of a stream ends behind now.',
      labelNames: ['stream'],
      registers: [this.registry],
      collect() {
        for (const stream of streams) {
          const until = storedUntil.get(stream);
          if (until !== undefined) this.set({ stream }, Math.max(0, (now() - until) / 1000));
        }
      },
    });
  }

  written(candles: readonly Candle[], source: 'live' | 'rest', keyOf: (candle: Candle) => string): void {
    for (const candle of candles) {
      const stream = keyOf(candle);
      this.#rows.inc({ stream, source });
      const until = candle.closeTime + 1;
      if (until > (this.#storedUntil.get(stream) ?? 0)) this.#storedUntil.set(stream, until);
    }
    this.#rowsTotal += candles.length;
  }

  writeFailed(): void {
    this.#errors.inc();
  }

  get rowsTotal(): number {
    return this.#rowsTotal;
  }

  /** Seconds the stream's store lags behind now, if it stored anything yet. */
  lagSeconds(stream: string, now: number): number | undefined {
    const until = this.#storedUntil.get(stream);
    return until === undefined ? undefined : Math.max(0, (now - until) / 1000);
  }

  storedUntil(stream: string, until: number): void {
    if (until > (this.#storedUntil.get(stream) ?? 0)) this.#storedUntil.set(stream, until);
  }
}
