import type { CandleHole } from './candle-store';
import { alignOpenTime, type Interval, nextOpenTime } from './interval';

/**
 * Finds the holes of [from, to) from the stored open times, fed in ascending order one by one (so a
 * store can stream them from a paged read): `see(openTime)` for each, then `holes()`. Open times
 * that are not on the interval's grid are ignored.
 */
export class HoleFinder {
  readonly #interval: Interval;
  readonly #to: number;
  /** The first expected open time not yet accounted for. */
  #next: number;
  readonly #holes: CandleHole[] = [];

  constructor(interval: Interval, from: number, to: number) {
    this.#interval = interval;
    this.#to = to;
    const first = alignOpenTime(interval, from);
    this.#next = first < from ? nextOpenTime(interval, first) : first;
  }

  see(openTime: number): void {
    if (openTime < this.#next || openTime >= this.#to) return;
    if (alignOpenTime(this.#interval, openTime) !== openTime) return;
    if (openTime > this.#next) this.#holes.push({ from: this.#next, to: openTime });
    this.#next = nextOpenTime(this.#interval, openTime);
  }

  holes(): CandleHole[] {
    if (this.#next < this.#to) {
      this.#holes.push({ from: this.#next, to: this.#to });
      this.#next = this.#to;
    }
    return this.#holes;
  }
}
