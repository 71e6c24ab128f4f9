import type { MarketType } from './candle';
import { OhlcvError } from './errors';
import type { RestClient } from './rest-client';
import type { InstrumentIndex, SymbolInfo, VenueAdapter } from './venue-adapter';

/** Pages at most per instrument listing; a guard against a venue cursor that never ends. */
const MAX_PAGES = 200;

/**
 * The instrument list of one venue market, fetched once (cursor paging through `symbolsRequest` /
 * `parseSymbols`) and cached; concurrent callers share one fetch; a failed fetch is not cached.
 */
export class InstrumentCache {
  readonly #adapter: VenueAdapter;
  readonly #market: MarketType;
  readonly #restBase: string;
  readonly #rest: RestClient;
  readonly #signal: AbortSignal | undefined;
  #index: InstrumentIndex | undefined;
  #list: SymbolInfo[] = [];
  #loading: Promise<InstrumentIndex> | undefined;

  constructor(options: {
    adapter: VenueAdapter;
    market: MarketType;
    restBase: string;
    rest: RestClient;
    signal?: AbortSignal;
  }) {
    this.#adapter = options.adapter;
    this.#market = options.market;
    this.#restBase = options.restBase;
    this.#rest = options.rest;
    this.#signal = options.signal;
  }

  /** The cached index, if loaded (used synchronously on the hot path by `parse`). */
  get current(): InstrumentIndex | undefined {
    return this.#index;
  }

  /** Instruments in the venue's order. */
  async list(): Promise<SymbolInfo[]> {
    await this.get();
    return this.#list;
  }

  get(): Promise<InstrumentIndex> {
    if (this.#index) return Promise.resolve(this.#index);
    return this.refresh();
  }

  /** Fetches the list again (shares a fetch already under way). */
  refresh(): Promise<InstrumentIndex> {
    if (this.#loading) return this.#loading;
    const loading = this.#load().finally(() => {
      if (this.#loading === loading) this.#loading = undefined;
    });
    this.#loading = loading;
    return loading;
  }

  async #load(): Promise<InstrumentIndex> {
    const adapter = this.#adapter;
    const market = this.#market;
    const list: SymbolInfo[] = [];
    const seenCursors = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const requestCursor = cursor;
      const result = await this.#rest.call(
        () => adapter.symbolsRequest(market, this.#restBase, requestCursor),
        (response) => adapter.parseSymbols(market, response),
        this.#signal,
      );
      list.push(...result.symbols);
      if (result.next === undefined || result.next === '') break;
      if (seenCursors.has(result.next)) {
        throw new OhlcvError(`${adapter.id} ${market}: instrument paging repeats cursor "${result.next}"`, {
          code: 'venue_protocol',
        });
      }
      seenCursors.add(result.next);
      cursor = result.next;
    }
    const index = new Map<string, SymbolInfo>();
    for (const info of list) index.set(info.symbol, info);
    this.#list = list;
    this.#index = index;
    return index;
  }
}
