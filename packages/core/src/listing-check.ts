import type { Clock } from './clock';
import type { InstrumentIndex } from './venue-adapter';

export interface ListingCheckOptions {
  clock: Clock;
  /** Fetches the venue market's instrument list again. */
  refresh(): Promise<InstrumentIndex>;
  /** The streams' native symbols now, and what to do with those no longer listed. */
  symbols(): Iterable<string>;
  delisted(symbol: string, why: string): void;
  failed(error: unknown): void;
  /** Checks at most this often. @default 10_000 */
  minIntervalMs?: number;
}

/**
 * Re-validates a venue market's streams against a freshly fetched instrument list, when a stream
 * goes silent (Binance acks a delisted symbol and then sends nothing) or a connection keeps dying
 * right after it subscribes (Hyperliquid drops the socket for an unknown coin). Symbols the venue
 * no longer lists are failed, each alone; the others carry on. Throttled, one fetch at a time.
 */
export class ListingCheck {
  readonly #options: ListingCheckOptions;
  #lastAt = Number.NEGATIVE_INFINITY;
  #running: Promise<void> | undefined;

  constructor(options: ListingCheckOptions) {
    this.#options = options;
  }

  /** Checks now unless a check ran within the interval or is running; `why` ends up in the error. */
  request(why: string): Promise<void> {
    if (this.#running) return this.#running;
    const now = this.#options.clock.now();
    if (now - this.#lastAt < (this.#options.minIntervalMs ?? 10_000)) return Promise.resolve();
    this.#lastAt = now;
    const running = this.#check(why).finally(() => {
      this.#running = undefined;
    });
    this.#running = running;
    return running;
  }

  async #check(why: string): Promise<void> {
    let index: InstrumentIndex;
    try {
      index = await this.#options.refresh();
    } catch (error) {
      this.#options.failed(error);
      return;
    }
    for (const symbol of [...this.#options.symbols()]) {
      if (!index.has(symbol)) this.#options.delisted(symbol, why);
    }
  }
}
