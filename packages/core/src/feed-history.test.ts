import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from './candle';
import { OhlcvError } from './errors';
import { expectConsecutive, type Harness, MINUTE, startHarness } from './test-support/feed-harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const START = Date.UTC(2024, 0, 1, 0, 0, 30);

describe('feed.history', () => {
  it('pages [from, to) in windows of maxCandlesPerRequest, in order, closed only, one onPage per page', async () => {
    harness = await startHarness({ venue: { startTime: START + 60 * MINUTE } });
    const { venue, feed } = harness;
    const pages: Candle[][] = [];
    const from = Date.UTC(2024, 0, 1, 0, 3);
    const to = Date.UTC(2024, 0, 1, 0, 20);
    const candles = await feed.history(
      { exchange: 'binance', market: 'spot', symbol: 'BTC/USDT', interval: '1m', from, to },
      { onPage: (page) => pages.push(page) },
    );
    expect(candles).toHaveLength(17);
    expect(candles[0]!.openTime).toBe(from);
    expect(candles[candles.length - 1]!.openTime).toBe(to - MINUTE);
    expectConsecutive(candles);
    expect(candles.every((candle) => candle.closed)).toBe(true);
    // 17 candles at 5 per request (toy spec) = 4 pages, each window both ends inclusive.
    expect(venue.restRequests.filter((url) => url.startsWith('/candles'))).toHaveLength(4);
    expect(venue.restRequests).toContain(
      `/candles?symbol=BTCUSDT&interval=1m&start=${from}&end=${from + 4 * MINUTE}&limit=5`,
    );
    expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 2]);
    expect(pages.flat()).toEqual(candles);
  });

  it('includes the open candle only when asked', async () => {
    harness = await startHarness({ venue: { startTime: START } });
    const query = {
      exchange: 'binance',
      market: 'spot',
      symbol: 'BTCUSDT',
      interval: '1m',
      from: START - 30_000 - 2 * MINUTE,
      to: START + MINUTE,
    } as const;
    const closedOnly = await harness.feed.history(query);
    expect(closedOnly.map((candle) => candle.closed)).toEqual([true, true]);
    const withOpen = await harness.feed.history({ ...query, includeOpen: true });
    expect(withOpen.map((candle) => candle.closed)).toEqual([true, true, false]);
  });

  it("throws history_unavailable naming the first available candle beyond the venue's depth", async () => {
    harness = await startHarness({ venue: { startTime: START + 60 * MINUTE, historyDepth: 10 } });
    const from = Date.UTC(2024, 0, 1, 0, 0);
    const error = await harness.feed
      .history({
        exchange: 'binance',
        market: 'spot',
        symbol: 'BTCUSDT',
        interval: '1m',
        from,
        to: from + 60 * MINUTE,
      })
      .catch((failure: unknown) => failure);
    expect(OhlcvError.isInstance(error) && error.code).toBe('history_unavailable');
    expect((error as Error).message).toContain('first available candle opens at 2024-01-01T00:51:00.000Z');
  });

  it('retries 5xx and 429 pages, then fails clearly on a permanent error', async () => {
    harness = await startHarness({ venue: { startTime: START + 60 * MINUTE } });
    const { venue, feed } = harness;
    const query = {
      exchange: 'binance',
      market: 'spot',
      symbol: 'BTCUSDT',
      interval: '1m',
      from: START - 30_000,
      to: START - 30_000 + 3 * MINUTE,
    } as const;
    venue.faults.httpErrors(503, 1);
    await expect(feed.history(query)).resolves.toHaveLength(3);
    venue.faults.httpErrors(429, 1);
    await expect(feed.history(query)).resolves.toHaveLength(3);
    venue.faults.httpErrors(400, 1);
    await expect(feed.history(query)).rejects.toThrowError(
      /HTTP 400 from http:\/\/127\.0\.0\.1:\d+\/candles/,
    );
  });

  it('rejects bad input naming it', async () => {
    harness = await startHarness();
    const base = {
      exchange: 'binance',
      market: 'spot',
      symbol: 'BTCUSDT',
      interval: '1m',
      from: 10,
      to: 5,
    } as const;
    await expect(harness.feed.history(base)).rejects.toThrowError(/history range \[10, 5\)/);
    await expect(harness.feed.history({ ...base, from: 0, to: 10, symbol: 'NOPE' })).rejects.toThrowError(
      /"NOPE"/,
    );
    await expect(harness.feed.resolveSymbol('binance', 'spot', 'eth/usdt')).resolves.toBe('ETHUSDT');
    await expect(harness.feed.symbols('binance', 'spot')).resolves.toHaveLength(3);
  });
});
