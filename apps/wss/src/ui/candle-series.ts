/**
 * The bars one chart shows, kept from the server's candle messages: open candles move the last bar,
 * closed candles settle it, duplicates and stale updates are dropped (a re-join after a reconnect
 * repeats candles the chart already has). Pure: no DOM, no chart library.
 */

/** The fields of a candle message the chart uses. */
export interface ChartCandle {
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  closed: boolean;
}

export type CandleSource = 'live' | 'rest';

export interface Bar extends ChartCandle {
  /** Filled from REST after the chart had gone live (a gap fill, or candles missed while disconnected). */
  filled: boolean;
}

export type MergeResult =
  /** A new last bar. `missingBefore`: closed candles are missing between the previous bar and this one. */
  | { kind: 'append'; bar: Bar; missingBefore?: { from: number; to: number } }
  /** An existing bar changed; `historical` when it is not the last one. */
  | { kind: 'update'; bar: Bar; historical: boolean }
  | { kind: 'ignore'; reason: 'duplicate' | 'stale' };

export class CandleSeries {
  readonly #bars: Bar[] = [];
  readonly #intervalMs: number | undefined;
  #live = false;

  /** `intervalMs`: the candle length, to notice missing candles (undefined for calendar months). */
  constructor(intervalMs: number | undefined) {
    this.#intervalMs = intervalMs;
  }

  get bars(): readonly Bar[] {
    return this.#bars;
  }

  get last(): Bar | undefined {
    return this.#bars[this.#bars.length - 1];
  }

  get filledCount(): number {
    return this.#bars.reduce((count, bar) => count + (bar.filled ? 1 : 0), 0);
  }

  merge(candle: ChartCandle, source: CandleSource): MergeResult {
    const filled = source === 'rest' && this.#live;
    if (source === 'live') this.#live = true;
    const bar: Bar = {
      openTime: candle.openTime,
      open: candle.open,
      high: candle.high,
      low: candle.low,
      close: candle.close,
      volume: candle.volume,
      closed: candle.closed,
      filled,
    };
    const last = this.last;
    if (last === undefined || candle.openTime > last.openTime) {
      this.#bars.push(bar);
      const step = this.#intervalMs;
      if (last?.closed && step !== undefined && candle.openTime - last.openTime > step) {
        return {
          kind: 'append',
          bar,
          missingBefore: { from: last.openTime + step, to: candle.openTime - step },
        };
      }
      return { kind: 'append', bar };
    }
    const index = this.#indexOf(candle.openTime);
    if (index < 0) return { kind: 'ignore', reason: 'stale' };
    const existing = this.#bars[index] as Bar;
    // A closed bar is final: a repeat of it (re-join) or a late open update changes nothing.
    if (existing.closed) return { kind: 'ignore', reason: candle.closed ? 'duplicate' : 'stale' };
    bar.filled = existing.filled || filled;
    this.#bars[index] = bar;
    return { kind: 'update', bar, historical: index !== this.#bars.length - 1 };
  }

  #indexOf(openTime: number): number {
    let low = 0;
    let high = this.#bars.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const time = (this.#bars[middle] as Bar).openTime;
      if (time === openTime) return middle;
      if (time < openTime) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Length of an interval such as `1m`, `4h`, `1w`; undefined for `1M` (months differ). */
export function intervalMs(interval: string): number | undefined {
  const match = /^(\d+)([smhdw])$/.exec(interval);
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}
