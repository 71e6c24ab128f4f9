import type { Interval } from './interval';

/**
 * A venue market's streams by symbol, then interval: the hot path routes each live candle without
 * building a key per candle, and a delisting finds every stream of a symbol.
 */
export class StreamRoutes<T> {
  readonly #bySymbol = new Map<string, Map<Interval, T>>();

  get(symbol: string, interval: Interval): T | undefined {
    return this.#bySymbol.get(symbol)?.get(interval);
  }

  /** The streams of `symbol` (a copy: safe to remove while iterating). */
  ofSymbol(symbol: string): T[] {
    const byInterval = this.#bySymbol.get(symbol);
    return byInterval ? [...byInterval.values()] : [];
  }

  symbols(): IterableIterator<string> {
    return this.#bySymbol.keys();
  }

  add(symbol: string, interval: Interval, value: T): void {
    let byInterval = this.#bySymbol.get(symbol);
    if (!byInterval) {
      byInterval = new Map();
      this.#bySymbol.set(symbol, byInterval);
    }
    byInterval.set(interval, value);
  }

  remove(symbol: string, interval: Interval): void {
    const byInterval = this.#bySymbol.get(symbol);
    byInterval?.delete(interval);
    if (byInterval?.size === 0) this.#bySymbol.delete(symbol);
  }

  clear(): void {
    this.#bySymbol.clear();
  }
}
