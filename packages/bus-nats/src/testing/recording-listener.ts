import type { BusListener, Candle } from '@ohlcv/core';

interface Waiter {
  test: () => boolean;
  resolve: () => void;
}

/** A follow listener that records what it gets and lets a test await a condition on it. */
export class RecordingListener implements BusListener {
  readonly closedCandles: Candle[] = [];
  readonly openCandles: Candle[] = [];
  readonly errors: Error[] = [];
  readonly #waiters = new Set<Waiter>();

  closed(candle: Candle): void {
    this.closedCandles.push(candle);
    this.#check();
  }

  open(candle: Candle): void {
    this.openCandles.push(candle);
    this.#check();
  }

  error(error: Error): void {
    this.errors.push(error);
  }

  get closedOpenTimes(): number[] {
    return this.closedCandles.map((candle) => candle.openTime);
  }

  /** Resolves once `test` holds (checked now and after every delivery); rejects after `timeoutMs`. */
  until(test: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(
          new Error(
            `timed out waiting for ${what}; closed ${JSON.stringify(this.closedOpenTimes)}, ` +
              `${this.openCandles.length} open, errors ${this.errors.map((e) => e.message).join('; ')}`,
          ),
        );
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  untilClosedCount(count: number): Promise<void> {
    return this.until(() => this.closedCandles.length >= count, `${count} closed candles`);
  }

  #check(): void {
    for (const waiter of this.#waiters) {
      if (waiter.test()) {
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }
}
