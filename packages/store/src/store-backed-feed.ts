import {
  alignOpenTime,
  type Candle,
  type CandleStore,
  type Feed,
  type FeedEvent,
  type HistoryQuery,
  parseStreamKey,
  type StreamId,
  type SubscribeOptions,
  type Subscription,
} from '@ohlcv/core';
import { historyThroughStore } from './history-through-store';

export interface StoreBackedFeedOptions {
  /** A join or history read through the store failed (the join then delivers no history). */
  onError?: (stream: string, error: unknown) => void;
}

/**
 * A Feed whose history reads through a store: `history()` answers from the store and fetches over
 * REST only the stretches it lacks (writing them back), and a push-style subscription with
 * `history: N` (`onEvent`) gets its N closed candles the same way before its live events, with no
 * gap or duplicate between (held in memory while read: N is bounded by the caller). Iterator-style subscriptions and everything else go to `feed` as they are.
 * Closing it does not close `feed` or `store`.
 */
export function storeBackedFeed(feed: Feed, store: CandleStore, options: StoreBackedFeedOptions = {}): Feed {
  return {
    subscribe: (stream, subscribeOptions = {}) =>
      (subscribeOptions.history ?? 0) > 0 && subscribeOptions.onEvent !== undefined
        ? joinThroughStore(feed, store, stream, subscribeOptions, options)
        : feed.subscribe(stream, subscribeOptions),
    async history(query: HistoryQuery, historyOptions = {}) {
      const symbol = await feed.resolveSymbol(query.exchange, query.market, query.symbol);
      const candles: Candle[] = [];
      let page: Candle[] = [];
      for await (const candle of historyThroughStore(feed, store, { ...query, symbol }, historyOptions)) {
        candles.push(candle);
        page.push(candle);
        if (page.length === 1_000) {
          historyOptions.onPage?.(page);
          page = [];
        }
      }
      if (page.length > 0) historyOptions.onPage?.(page);
      return candles;
    },
    symbols: (exchange, market) => feed.symbols(exchange, market),
    resolveSymbol: (exchange, market, input) => feed.resolveSymbol(exchange, market, input),
    status: () => feed.status(),
    close: async () => {},
  };
}

/** The open time `count` candles before `boundary` (calendar-aware for months). */
function openTimeBefore(stream: StreamId, boundary: number, count: number): number {
  let openTime = boundary;
  for (let i = 0; i < count; i += 1) openTime = alignOpenTime(stream.interval, openTime - 1);
  return openTime;
}

function joinThroughStore(
  feed: Feed,
  store: CandleStore,
  stream: StreamId | string,
  subscribeOptions: SubscribeOptions,
  options: StoreBackedFeedOptions,
): Subscription {
  const { history = 0, onEvent, ...rest } = subscribeOptions;
  const deliver = onEvent as (event: FeedEvent) => void;
  let held: FeedEvent[] | undefined = [];
  let boundary: number | undefined;
  let ended = false;
  const inner = feed.subscribe(stream, {
    ...rest,
    onEvent: (event) => {
      if (ended) return;
      if (held === undefined) {
        deliver(event);
        return;
      }
      held.push(event);
      if (boundary === undefined && event.type === 'candle') {
        boundary = event.candle.openTime;
        void join(boundary);
      } else if (event.type === 'error') {
        flush();
      }
    },
  });
  const flush = (): void => {
    const events = held ?? [];
    held = undefined;
    for (const event of events) if (!ended) deliver(event);
  };
  const join = async (before: number): Promise<void> => {
    const id = parseStreamKey(inner.stream);
    const from = openTimeBefore(id, before, history);
    // Delivered in one synchronous run, then the held live events, as the engine's own join does
    // (consumers may switch over between two dispatches).
    const candles: Candle[] = [];
    try {
      for await (const candle of historyThroughStore(feed, store, { ...id, from, to: before })) {
        if (ended) return;
        if (rest.closedOnly !== true || candle.closed) candles.push(candle);
      }
    } catch (error) {
      options.onError?.(inner.stream, error);
      if (!ended) {
        deliver({
          type: 'gap',
          stream: inner.stream,
          from,
          to: openTimeBefore(id, before, 1),
          reason: `history unavailable: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    const receivedAt = Date.now();
    for (const candle of candles) {
      if (ended) return;
      deliver({ type: 'candle', stream: inner.stream, candle, source: 'rest', receivedAt });
    }
    flush();
  };
  return {
    get stream() {
      return inner.stream;
    },
    ready: inner.ready,
    close() {
      ended = true;
      inner.close();
    },
    [Symbol.asyncIterator]: () => inner[Symbol.asyncIterator](),
  };
}
