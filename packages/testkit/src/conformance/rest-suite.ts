import { alignOpenTime, type Candle, type Feed, historyDepthOf, intervalMs } from '@ohlcv/core';
import { expect, it } from 'vitest';
import type { VenueSimulator } from '../simulator-types';
import { withPageSize } from './adapter-overrides';
import { expectConsecutive, expectSameCandle, expectVenueRange, venueCandles } from './candle-checks';
import type { SuiteContext } from './conformance-harness';
import { driveUntil } from './drive';
import { EventRecorder } from './event-recorder';
import { type RecordedExchange, type RecordingHttp, recordingHttp } from './recording-http';

/** Largest page of the paging test: enough for the engine's page logic, cheap in CI. */
const MAX_PAGE = 300;
/** Pages of a 429 test: small, so a short range still spans several requests. */
const SMALL_PAGE = 50;

/** Settles `work` while moving the venue's (and the engine's) virtual time, for waits the engine sleeps. */
async function settle<T>(simulator: VenueSimulator, work: Promise<T>, what: string): Promise<T> {
  let outcome: { value: T } | { error: unknown } | undefined;
  work.then(
    (value) => {
      outcome = { value };
    },
    (error: unknown) => {
      outcome = { error };
    },
  );
  await driveUntil(simulator, () => outcome !== undefined, {
    stepMs: 1_000,
    pauseMs: 10,
    what,
    timeoutMs: 30_000,
  });
  if (outcome && 'error' in outcome) throw outcome.error;
  return (outcome as { value: T }).value;
}

/** Every 429 was retried no sooner than its Retry-After asked (requests one after another). */
function expectRetryAfterHonoured(exchanges: readonly RecordedExchange[]): void {
  for (const [index, exchange] of exchanges.entries()) {
    const next = exchanges[index + 1];
    if (exchange.status !== 429 || exchange.retryAfter === undefined) continue;
    expect(next, 'a retry after the 429').toBeDefined();
    const seconds = Number(exchange.retryAfter);
    if (Number.isFinite(seconds)) {
      expect(
        next!.sentAt - exchange.answeredAt,
        `the retry waited Retry-After ${seconds} s`,
      ).toBeGreaterThanOrEqual(seconds * 1_000);
    }
  }
}

/**
 * REST through the engine: `history()` paging (page boundaries, several pages, none lost or
 * repeated, ascending, the venue's values), the instrument list (`symbols()`), and REST 429s during
 * history and gap fill, with and without Retry-After.
 */
export function describeRestTests(context: SuiteContext): void {
  const { options, market, interval, setUp, stream } = context;
  const spec = options.adapter.markets[market];
  if (spec === undefined) throw new Error(`${options.adapter.id} has no ${market} market`);
  const step = intervalMs(interval);
  // The venue's page size, capped (CI time) and below a quarter of the history it keeps.
  const page = Math.min(
    spec.rest.maxCandlesPerRequest,
    MAX_PAGE,
    Math.floor((historyDepthOf(spec, interval) ?? Number.POSITIVE_INFINITY) / 4),
  );

  /** [from, to) of `count` candles ending well before the venue's now (only closed candles). */
  const rangeOf = (simulator: VenueSimulator, count: number, endOffset = 3) => {
    const to = alignOpenTime(interval, simulator.clock.now()) - endOffset * step;
    return { from: to - count * step, to };
  };
  const history = (feed: Feed, symbol: string, range: { from: number; to: number }, pages?: Candle[][]) =>
    feed.history(
      { exchange: options.adapter.id, market, symbol, interval, ...range },
      pages ? { onPage: (candles) => pages.push(candles) } : {},
    );

  it(`pages history over REST: 1 candle, one page (${page}), one more, several pages; none lost or repeated, ascending, the venue's values`, async () => {
    const { simulator, feed, first } = await setUp({
      virtualClock: true,
      adapter: withPageSize(options.adapter, page),
    });
    // Ranges that start off the page grid too: the engine's boundaries must still join exactly.
    for (const [count, endOffset] of [
      [1, 3],
      [page, 3],
      [page + 1, 7],
      [2 * page + 37, 11],
    ] as const) {
      const range = rangeOf(simulator, count, endOffset);
      const pages: Candle[][] = [];
      const candles = await settle(
        simulator,
        history(feed, first, range, pages),
        `history of ${count} candles`,
      );
      const expected = venueCandles(simulator, first, interval, range.from, range.to);
      expect(expected.length, 'the venue has candles in the range').toBeGreaterThan(0);
      expectVenueRange(candles, expected, `${count} candles`);
      expect(pages.flat()).toEqual(candles);
      expect(pages.length, 'pages').toBeGreaterThanOrEqual(Math.ceil(expected.length / page));
      for (const one of pages) expect(one.length).toBeLessThanOrEqual(page);
    }
    const range = rangeOf(simulator, page + 1);
    const streamed: Candle[] = [];
    const iterate = async () => {
      const query = { exchange: options.adapter.id, market, symbol: first, interval, ...range };
      for await (const candles of feed.historyPages(query)) streamed.push(...candles);
    };
    await settle(simulator, iterate(), 'historyPages');
    expectVenueRange(
      streamed,
      venueCandles(simulator, first, interval, range.from, range.to),
      'historyPages',
    );
  });

  it("lists the venue's instruments once each, for this market, cached; resolves native and unified forms", async () => {
    const { simulator, feed, first } = await setUp();
    const listed = await feed.symbols(options.adapter.id, market);
    const natives = listed.map((info) => info.symbol);
    expect(new Set(natives).size, 'each instrument once, across pages').toBe(natives.length);
    for (const symbol of simulator.symbols) expect(natives).toContain(symbol);
    for (const info of listed) {
      expect(info.market, info.symbol).toBe(market);
      expect(info.unified, info.symbol).toMatch(/\S/);
    }
    const requests = simulator.restRequestCount();
    expect(await feed.symbols(options.adapter.id, market)).toEqual(listed);
    expect(simulator.restRequestCount(), 'the list is cached').toBe(requests);
    const info = listed.find((candidate) => candidate.symbol === first)!;
    expect(await feed.resolveSymbol(options.adapter.id, market, info.symbol)).toBe(first);
    expect(await feed.resolveSymbol(options.adapter.id, market, info.unified)).toBe(first);
    const unknown = options.unknownSymbol?.(market, simulator) ?? `NOPE${first}`;
    await expect(feed.resolveSymbol(options.adapter.id, market, unknown)).rejects.toThrow(unknown);
  });

  it('rides out REST 429s during history, with Retry-After as the venue sends it and without: waits as asked, then delivers the range whole', async () => {
    let recording: RecordingHttp | undefined;
    const { simulator, feed, first } = await setUp({
      virtualClock: true,
      historyConcurrency: 1,
      adapter: withPageSize(options.adapter, SMALL_PAGE),
      http: (venue) => {
        recording = recordingHttp(() => venue.clock.now());
        return recording.http;
      },
    });
    const recorded = recording!.exchanges;
    await feed.symbols(options.adapter.id, market); // the instrument list first: the 429s hit candle pages
    for (const retryAfter of ['keep', 'remove'] as const) {
      recording!.retryAfter429 = retryAfter;
      const range = rangeOf(simulator, 2 * SMALL_PAGE + 5, retryAfter === 'keep' ? 3 : 400);
      recorded.length = 0;
      simulator.faults.httpErrors(429, 2);
      const candles = await settle(
        simulator,
        history(feed, first, range),
        `history through 429s (${retryAfter})`,
      );
      expectVenueRange(candles, venueCandles(simulator, first, interval, range.from, range.to), 'history');
      expect(recorded.map((exchange) => exchange.status).slice(0, 3)).toEqual([429, 429, 200]);
      if (retryAfter === 'remove') expect(recorded[0]?.retryAfter).toBeUndefined();
      expectRetryAfterHonoured(recorded);
    }
  });

  it('fills a gap through REST 429s: consecutive, none repeated, the venue values', async () => {
    let recording: RecordingHttp | undefined;
    const { simulator, feed, first } = await setUp({
      virtualClock: true,
      http: (venue) => {
        recording = recordingHttp(() => venue.clock.now());
        return recording.http;
      },
    });
    const recorded = recording!.exchanges;
    const recorder = new EventRecorder();
    feed.subscribe(stream(first), { closedOnly: true, onEvent: recorder.onEvent });
    await driveUntil(simulator, () => recorder.closedCandles().length >= 2, {
      stepMs: 5_000,
      what: 'first closed candles',
    });
    // As in the plain gap test: an outage across candle boundaries, then the gap fill meets two 429s.
    simulator.faults.silence();
    await simulator.clock.advance(3 * step);
    simulator.faults.httpErrors(429, 2);
    simulator.faults.dropConnections();
    simulator.faults.resume();
    simulator.faults.skipPushes(3);
    await driveUntil(simulator, () => recorder.closedCandles().length >= 7, {
      stepMs: 5_000,
      what: '7 closed candles after the drop',
      timeoutMs: 30_000,
    });
    const closed = recorder.closedCandles();
    expect(new Set(closed.map((candle) => candle.openTime)).size).toBe(closed.length);
    expectConsecutive(closed, simulator, interval);
    for (const candle of closed)
      expectSameCandle(candle, simulator.candleAt(first, interval, candle.openTime));
    expect(
      recorded.filter((exchange) => exchange.status === 429),
      'the venue refused twice',
    ).toHaveLength(2);
    expect(recorder.restCandles().length, 'some candles came from REST').toBeGreaterThan(0);
    expect(recorder.ofType('gap'), 'a 429 is not a gap').toEqual([]);
  });
}
