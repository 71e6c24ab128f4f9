import type { Counter } from 'prom-client';

/**
 * A label-bound counter for the hot path: `inc` is a plain number add. prom-client's own children
 * hash and validate their labels on every `inc`; this hands the sum to prom-client once per
 * scrape instead (the counter's `collect` hook), so the exposition is the same.
 */
export class DeferredCounterChild {
  readonly #child: { inc(value: number): void };
  /** The children of the same counter to flush, in the order of their first increment. */
  readonly #flushList: DeferredCounterChild[];
  #listed = false;
  #pending = 0;
  #touched = false;

  constructor(child: { inc(value: number): void }, flushList: DeferredCounterChild[]) {
    this.#child = child;
    this.#flushList = flushList;
  }

  inc(value = 1): void {
    this.#pending += value;
    this.#touched = true;
    // First increment: listed now, so new series appear in the order prom-client would give them.
    if (!this.#listed) {
      this.#listed = true;
      this.#flushList.push(this);
    }
  }

  /** Hands the increments since the last flush to prom-client. */
  flush(): void {
    if (!this.#touched) return;
    const value = this.#pending;
    this.#pending = 0;
    this.#touched = false;
    this.#child.inc(value);
  }
}

interface Hooked {
  /** Children in the order of their first increment (the flush order). */
  flushList: DeferredCounterChild[];
  byLabels: Map<string, DeferredCounterChild>;
}

const hookedCounters = new WeakMap<Counter<string>, Hooked>();

/**
 * The child of `counter` for `labels` (label values in the counter's labelNames order), flushed at
 * every collect. The same labels give the same child, so callers may ask per stream without growth.
 */
export function deferredCounterChild(counter: Counter<string>, ...labels: string[]): DeferredCounterChild {
  let hooked = hookedCounters.get(counter);
  if (hooked === undefined) {
    const state: Hooked = { flushList: [], byLabels: new Map() };
    hooked = state;
    hookedCounters.set(counter, state);
    const target = counter as unknown as { collect?: (this: unknown) => unknown };
    const previous = target.collect;
    target.collect = function collect(this: unknown) {
      for (const child of state.flushList) child.flush();
      return previous?.call(this);
    };
  }
  const key = labels.join('\u0000');
  let child = hooked.byLabels.get(key);
  if (child === undefined) {
    child = new DeferredCounterChild(counter.labels(...labels), hooked.flushList);
    hooked.byLabels.set(key, child);
  }
  return child;
}
