import type { Candle } from './candle';

interface Flight {
  from: number;
  to: number;
  promise: Promise<Candle[]>;
  controller: AbortController;
  waiters: Set<object>;
}

/** Closed candles kept per stream for later joins, at most. */
const MAX_CACHED = 5_000;

/**
 * One stream's REST fetches for history joins: joins wanting a range already being fetched share
 * that fetch (single-flight), a fetch nobody waits for any more is aborted, and what was fetched
 * closed is kept (newest {@link MAX_CACHED}) so a later join over the same range asks nothing.
 */
export class HistoryFetches {
  readonly #fetch: (from: number, to: number, signal: AbortSignal) => Promise<Candle[]>;
  #cache: { from: number; to: number; rows: Candle[] } | undefined;
  readonly #flights: Flight[] = [];

  constructor(fetch: (from: number, to: number, signal: AbortSignal) => Promise<Candle[]>) {
    this.#fetch = fetch;
  }

  /** Fetches started (for tests and status). */
  get inFlight(): number {
    return this.#flights.length;
  }

  /** Rows with open times in [from, to] for `waiter`: from the cache, a fetch under way, or a new one. */
  get(from: number, to: number, waiter: object): Promise<Candle[]> {
    const cache = this.#cache;
    if (cache && cache.from <= from && cache.to >= to) return Promise.resolve(within(cache.rows, from, to));
    let flight = this.#flights.find((candidate) => candidate.from <= from && candidate.to >= to);
    if (!flight) flight = this.#start(from, to);
    flight.waiters.add(waiter);
    return flight.promise.then((rows) => within(rows, from, to));
  }

  /** `waiter` no longer waits (its consumer left): a fetch left without waiters is aborted. */
  leave(waiter: object): void {
    for (const flight of [...this.#flights]) {
      if (!flight.waiters.delete(waiter) || flight.waiters.size > 0) continue;
      this.#drop(flight);
      flight.controller.abort();
    }
  }

  dispose(): void {
    for (const flight of this.#flights.splice(0)) flight.controller.abort();
    this.#cache = undefined;
  }

  #start(from: number, to: number): Flight {
    const controller = new AbortController();
    const flight: Flight = {
      from,
      to,
      controller,
      waiters: new Set(),
      promise: this.#fetch(from, to, controller.signal).then(
        (rows) => {
          this.#drop(flight);
          this.#remember(from, to, rows);
          return rows;
        },
        (error: unknown) => {
          this.#drop(flight);
          throw error;
        },
      ),
    };
    flight.promise.catch(() => {});
    this.#flights.push(flight);
    return flight;
  }

  #drop(flight: Flight): void {
    const index = this.#flights.indexOf(flight);
    if (index >= 0) this.#flights.splice(index, 1);
  }

  /** Keeps the closed prefix of [from, to]; merged with the cache when the spans overlap or touch. */
  #remember(from: number, to: number, rows: readonly Candle[]): void {
    const open = rows.find((row) => !row.closed);
    const end = open === undefined ? to : open.openTime - 1;
    if (end < from) return;
    const closed = rows.filter((row) => row.closed && row.openTime <= end);
    const cache = this.#cache;
    let merged: { from: number; to: number; rows: Candle[] };
    if (cache && cache.from <= end + 1 && from <= cache.to + 1) {
      const byOpen = new Map<number, Candle>();
      for (const row of cache.rows) byOpen.set(row.openTime, row);
      for (const row of closed) byOpen.set(row.openTime, row);
      merged = {
        from: Math.min(cache.from, from),
        to: Math.max(cache.to, end),
        rows: [...byOpen.values()].sort((a, b) => a.openTime - b.openTime),
      };
    } else {
      merged = { from, to: end, rows: closed };
    }
    if (merged.rows.length > MAX_CACHED) {
      merged.rows = merged.rows.slice(-MAX_CACHED);
      merged.from = (merged.rows[0] as Candle).openTime;
    }
    this.#cache = merged;
  }
}

function within(rows: readonly Candle[], from: number, to: number): Candle[] {
  return rows.filter((row) => row.openTime >= from && row.openTime <= to);
}
