import type { RestPriority } from './background-lane';
import type { Candle, MarketType } from './candle';
import { type Interval, nextOpenTime } from './interval';
import type { RestClient } from './rest-client';
import type { CandlesQuery, InstrumentIndex, MarketSpec, VenueAdapter } from './venue-adapter';

export interface CandlePagesOptions {
  adapter: VenueAdapter;
  market: MarketType;
  spec: MarketSpec;
  restBase: string;
  rest: RestClient;
  symbol: string;
  interval: Interval;
  /** First open time wanted (inclusive). */
  from: number;
  /** Last open time wanted (inclusive). */
  to: number;
  /** The venue market's instruments, for adapters that need them to parse (contract sizes). */
  instruments?: InstrumentIndex;
  signal?: AbortSignal;
  /** Called per page, in order, with that page's new candles. */
  onPage?: (candles: Candle[]) => void;
  /** `background`: never ahead of normal REST calls (history joins). @default 'normal' */
  priority?: RestPriority;
  /** Pages in flight at once; the venue market's token bucket paces them. @default 4 */
  concurrency?: number;
}

/**
 * Windows of at most `maxCandles` open times covering [from, to], each both ends inclusive, and
 * spanning at most `maxSpanMs` from its first open time to its last candle's close.
 */
export function candleWindows(
  interval: Interval,
  from: number,
  to: number,
  maxCandles: number,
  maxSpanMs = Number.POSITIVE_INFINITY,
): Array<{ startTime: number; endTime: number; limit: number }> {
  const windows: Array<{ startTime: number; endTime: number; limit: number }> = [];
  let start = from;
  while (start <= to) {
    let end = start;
    let count = 1;
    while (count < maxCandles) {
      const next = nextOpenTime(interval, end);
      if (next > to || nextOpenTime(interval, next) - 1 - start > maxSpanMs) break;
      end = next;
      count += 1;
    }
    windows.push({ startTime: start, endTime: end, limit: count });
    start = nextOpenTime(interval, end);
  }
  return windows;
}

/**
 * Candles with open times in [from, to] over REST, in windows of at most maxCandlesPerRequest,
 * fetched concurrently (paced by the rate limit) and yielded page by page in order without
 * duplicates. Back-pressure: at most `concurrency` pages are in flight or waiting for the consumer;
 * the next window is requested only when the consumer takes a page. Ending the iteration early
 * aborts the requests still in flight.
 */
export async function* candlePageStream(options: CandlePagesOptions): AsyncGenerator<Candle[]> {
  const { adapter, market, spec, restBase, rest, symbol, interval } = options;
  const windows = candleWindows(
    interval,
    options.from,
    options.to,
    spec.rest.maxCandlesPerRequest,
    spec.rest.maxSpanMs,
  );
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const ahead: Array<Promise<Candle[]>> = [];
  let requested = 0;
  const request = (): void => {
    const window = windows[requested++]!;
    const query: CandlesQuery = { symbol, interval, ...window };
    const page = rest
      .call(
        (now) => adapter.candlesRequest(market, restBase, query, now),
        (response) => adapter.parseCandles(market, query, response, options.instruments),
        signal,
        options.priority,
      )
      .then((rows) => {
        const inWindow = rows.filter(
          (candle) => candle.openTime >= window.startTime && candle.openTime <= window.endTime,
        );
        inWindow.sort((a, b) => a.openTime - b.openTime);
        return inWindow;
      });
    // Awaited in order below; until then a failure must not count as unhandled.
    page.catch(() => undefined);
    ahead.push(page);
  };
  const concurrency = Math.max(1, options.concurrency ?? 4);
  let last = Number.NEGATIVE_INFINITY;
  try {
    while (requested < windows.length && ahead.length < concurrency) request();
    while (ahead.length > 0) {
      const rows = await (ahead.shift() as Promise<Candle[]>);
      const fresh: Candle[] = [];
      for (const candle of rows) {
        if (candle.openTime <= last) continue;
        last = candle.openTime;
        fresh.push(candle);
      }
      yield fresh;
      // The consumer took the page: one more window may go out.
      if (requested < windows.length) request();
    }
  } finally {
    if (ahead.length > 0) stop.abort(new Error('history iteration ended early'));
  }
}

/** {@link candlePageStream} collected into one array (`onPage` sees each page as it arrives). */
export async function fetchCandlePages(options: CandlePagesOptions): Promise<Candle[]> {
  const result: Candle[] = [];
  for await (const page of candlePageStream(options)) {
    for (const candle of page) result.push(candle);
    options.onPage?.(page);
  }
  return result;
}
