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
 * fetched concurrently (paced by the rate limit) and assembled in order without duplicates.
 */
export async function fetchCandlePages(options: CandlePagesOptions): Promise<Candle[]> {
  const { adapter, market, spec, restBase, rest, symbol, interval, signal } = options;
  const windows = candleWindows(
    interval,
    options.from,
    options.to,
    spec.rest.maxCandlesPerRequest,
    spec.rest.maxSpanMs,
  );
  const pages: Array<Candle[] | undefined> = new Array(windows.length).fill(undefined);
  const result: Candle[] = [];
  let delivered = 0;
  let last = Number.NEGATIVE_INFINITY;
  let nextWindow = 0;

  const deliverReady = (): void => {
    while (delivered < pages.length && pages[delivered] !== undefined) {
      const fresh: Candle[] = [];
      for (const candle of pages[delivered] as Candle[]) {
        if (candle.openTime <= last) continue;
        last = candle.openTime;
        fresh.push(candle);
        result.push(candle);
      }
      pages[delivered] = undefined;
      delivered += 1;
      options.onPage?.(fresh);
    }
  };

  const worker = async (): Promise<void> => {
    while (nextWindow < windows.length) {
      const index = nextWindow++;
      const window = windows[index]!;
      const query: CandlesQuery = { symbol, interval, ...window };
      const rows = await rest.call(
        () => adapter.candlesRequest(market, restBase, query),
        (response) => adapter.parseCandles(market, query, response, options.instruments),
        signal,
        options.priority,
      );
      const inWindow = rows.filter(
        (candle) => candle.openTime >= window.startTime && candle.openTime <= window.endTime,
      );
      inWindow.sort((a, b) => a.openTime - b.openTime);
      pages[index] = inWindow;
      deliverReady();
    }
  };

  const workers = Math.max(1, Math.min(options.concurrency ?? 4, windows.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return result;
}
