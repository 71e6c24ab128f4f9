import type { Candle, CandleStore, Feed, HistoryQuery } from '@ohlcv/core';
import { createStore } from '@ohlcv/store';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CandleWriter } from './candle-writer';
import { StreamRecorder } from './stream-recorder';

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 0, 1);
const ID = { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' } as const;

function candle(i: number, closed = true): Candle {
  const openTime = T0 + i * MINUTE;
  return {
    ...ID,
    openTime,
    closeTime: openTime + MINUTE - 1,
    open: i,
    high: i + 1,
    low: i,
    close: i,
    volume: 1,
    closed,
  };
}

function fakeFeed(): Pick<Feed, 'history'> & { calls: Array<[number, number]> } {
  const calls: Array<[number, number]> = [];
  return {
    calls,
    async history(query: HistoryQuery, options = {}) {
      calls.push([(query.from - T0) / MINUTE, (query.to - T0) / MINUTE]);
      const page: Candle[] = [];
      for (let t = query.from; t < query.to; t += MINUTE) page.push(candle((t - T0) / MINUTE));
      options.onPage?.(page);
      return page;
    },
  };
}

async function storedIndexes(store: CandleStore): Promise<number[]> {
  const out: number[] = [];
  for await (const c of store.range({ ...ID, from: 0, to: Number.MAX_SAFE_INTEGER }))
    out.push((c.openTime - T0) / MINUTE);
  return out;
}

describe('StreamRecorder', () => {
  let store: CandleStore;
  let writer: CandleWriter;
  beforeEach(async () => {
    store = await createStore('sqlite::memory:');
    writer = new CandleWriter({ store, flushMs: 1 });
  });
  afterEach(async () => {
    await writer.close();
    await store.close();
  });
  const recorderOf = (feed: Pick<Feed, 'history'>, now: number): StreamRecorder =>
    new StreamRecorder({
      id: ID,
      feed,
      store,
      writer,
      logger: pino({ level: 'silent' }),
      from: undefined,
      now: () => now,
    });

  it('backfills from the last stored candle to the venue present, then fills a skip in the live candles', async () => {
    await store.write(Array.from({ length: 10 }, (_, i) => candle(i)));
    const feed = fakeFeed();
    const recorder = recorderOf(feed, T0 + 12 * MINUTE);
    const started = recorder.start();
    recorder.candle(candle(12, false)); // the venue's present: candle 12 is open
    await started;
    expect(feed.calls).toEqual([[10, 12]]);
    recorder.candle(candle(12));
    recorder.candle(candle(13));
    recorder.candle(candle(16)); // 14 and 15 never came live
    recorder.candle(candle(17));
    await expect.poll(() => storedIndexes(store)).toEqual(Array.from({ length: 18 }, (_, i) => i));
    expect(feed.calls).toEqual([
      [10, 12],
      [14, 16],
    ]);
  });

  it('records live only for a new stream without --from', async () => {
    const feed = fakeFeed();
    const recorder = recorderOf(feed, T0);
    await recorder.start();
    recorder.candle(candle(3));
    recorder.candle(candle(4));
    await expect.poll(() => storedIndexes(store)).toEqual([3, 4]);
    expect(feed.calls).toEqual([]);
  });

  it('does not refetch a stretch the engine reported unavailable', async () => {
    const feed = fakeFeed();
    const recorder = recorderOf(feed, T0);
    await recorder.start();
    recorder.candle(candle(3));
    recorder.gap(T0 + 5 * MINUTE);
    recorder.candle(candle(6));
    await expect.poll(() => storedIndexes(store)).toEqual([3, 6]);
    expect(feed.calls).toEqual([]);
  });
});
