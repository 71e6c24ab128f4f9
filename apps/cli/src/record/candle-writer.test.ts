import type { Candle, CandleStore } from '@ohlcv/core';
import { createStore } from '@ohlcv/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CandleWriter } from './candle-writer';

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 0, 1);

function candle(i: number, symbol = 'BTCUSDT'): Candle {
  const openTime = T0 + i * MINUTE;
  return {
    exchange: 'binance',
    market: 'spot',
    symbol,
    interval: '1m',
    openTime,
    closeTime: openTime + MINUTE - 1,
    open: 1,
    high: 2,
    low: 0.5,
    close: 1.5,
    volume: 3,
    closed: true,
  };
}

describe('CandleWriter', () => {
  let store: CandleStore;
  beforeEach(async () => {
    vi.useFakeTimers();
    store = await createStore('sqlite::memory:');
  });
  afterEach(async () => {
    vi.useRealTimers();
    await store.close();
  });

  it('writes one batch per flush interval, all streams together', async () => {
    const write = vi.spyOn(store, 'write');
    const written: number[] = [];
    const writer = new CandleWriter({ store, flushMs: 250, onWritten: (c) => written.push(c.length) });
    writer.add([candle(0)]);
    writer.add([candle(0, 'ETHUSDT'), candle(1)]);
    expect(write).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(write).toHaveBeenCalledTimes(1);
    expect(written).toEqual([3]);
    expect((await store.streams()).map((s) => s.symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT']);
    await writer.close();
  });

  it('writes at once when the batch is full', async () => {
    const write = vi.spyOn(store, 'write');
    const writer = new CandleWriter({ store, maxBatch: 3 });
    writer.add([candle(0), candle(1), candle(2)]);
    await writer.flush();
    expect(write).toHaveBeenCalledTimes(1);
    expect(write.mock.calls[0]?.[0]).toHaveLength(3);
    await writer.close();
  });

  it('keeps the candles of a failed write and writes them, in order, on the retry', async () => {
    const errors: unknown[] = [];
    const real = store.write.bind(store);
    const write = vi
      .spyOn(store, 'write')
      .mockRejectedValueOnce(new Error('disk full'))
      .mockImplementation(real);
    const writer = new CandleWriter({ store, onError: (e) => errors.push(e) });
    writer.add([candle(0), candle(1)]);
    await writer.flush();
    expect(errors).toHaveLength(1);
    writer.add([candle(2)]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(write).toHaveBeenCalledTimes(2);
    expect(write.mock.calls[1]?.[0].map((c) => c.openTime)).toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
    expect(await store.count({ ...candle(0), from: T0, to: T0 + 3 * MINUTE })).toBe(3);
    await writer.close();
  });
});
