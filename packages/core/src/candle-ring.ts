import type { Candle } from './candle';
import { OhlcvError } from './errors';

/**
 * The last `capacity` closed candles of a stream, oldest first; serves `history` joins. Its slots
 * grow with the candles pushed (an idle stream holds an empty array, not `capacity` slots).
 */
export class CandleRing {
  readonly capacity: number;
  readonly #slots: Array<Candle | undefined> = [];
  #next = 0;
  #size = 0;

  constructor(capacity = 1000) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new OhlcvError(`candle ring capacity must be an integer >= 1, got ${capacity}`, {
        code: 'config',
      });
    }
    this.capacity = capacity;
  }

  get size(): number {
    return this.#size;
  }

  push(candle: Candle): void {
    // Until full, #next === #size === #slots.length: append; then overwrite the oldest.
    if (this.#size < this.capacity) this.#slots.push(candle);
    else this.#slots[this.#next] = candle;
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size += 1;
  }

  /** The newest candle, if any. */
  last(): Candle | undefined {
    if (this.#size === 0) return undefined;
    return this.#slots[(this.#next - 1 + this.capacity) % this.capacity];
  }

  /** The newest `n` candles (fewer if the ring holds fewer), oldest first. */
  lastN(n: number): Candle[] {
    if (!(n >= 0)) throw new OhlcvError(`candle count must be a number >= 0, got ${n}`, { code: 'config' });
    const count = Math.min(Math.floor(n), this.#size);
    const result: Candle[] = new Array<Candle>(count);
    const start = this.#next - count + this.capacity;
    for (let index = 0; index < count; index++) {
      result[index] = this.#slots[(start + index) % this.capacity] as Candle;
    }
    return result;
  }

  clear(): void {
    this.#slots.length = 0;
    this.#next = 0;
    this.#size = 0;
  }
}
