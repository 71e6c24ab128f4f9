import type { Candle, CandleStore, StreamId } from '@ohlcv/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../src/create-store';

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 0, 1);

/** `count` closed 1m candles of a stream from `start`, values derived from the open time. */
export function candlesOf(stream: StreamId, start: number, count: number): Candle[] {
  return Array.from({ length: count }, (_, i) => {
    const openTime = start + i * MINUTE;
    const n = openTime / MINUTE;
    const base = 100 + (n % 97) / 8;
    return {
      ...stream,
      openTime,
      closeTime: openTime + MINUTE - 1,
      open: base,
      high: base + 1.25,
      low: base - 0.5,
      close: base + 0.125,
      volume: 10 + (n % 13),
      quoteVolume: (10 + (n % 13)) * base,
      trades: 3 + (n % 7),
      closed: true,
    };
  });
}

async function collect(iterable: AsyncIterable<Candle>): Promise<Candle[]> {
  const out: Candle[] = [];
  for await (const candle of iterable) out.push(candle);
  return out;
}

const BTC: StreamId = { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' };
const ETH: StreamId = { exchange: 'binance', market: 'spot', symbol: 'ETHUSDT', interval: '1m' };
const OKX: StreamId = { exchange: 'okx', market: 'usdm', symbol: 'BTC-USDT-SWAP', interval: '1m' };

/**
 * The behaviour every CandleStore keeps, run against a backend. `freshUrl` returns the URL of a new,
 * empty database each call; the suite opens it through `createStore` (twice where it tests reopening).
 */
export function describeCandleStore(name: string, freshUrl: () => Promise<string>): void {
  describe(`CandleStore conformance: ${name}`, () => {
    const open: CandleStore[] = [];
    const openStore = async (url: string): Promise<CandleStore> => {
      const store = await createStore(url);
      open.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((store) => store.close()));
    });

    it('reads back what it wrote, ascending, with every field', async () => {
      const store = await openStore(await freshUrl());
      const candles = candlesOf(BTC, T0, 30);
      const { quoteVolume: _q, trades: _t, ...bare } = candles[5]!;
      candles[5] = bare;
      await store.write([...candles].reverse());
      const read = await collect(store.range({ ...BTC, from: T0, to: T0 + 30 * MINUTE }));
      expect(read).toEqual(candles);
      expect(read[5]).not.toHaveProperty('quoteVolume');
      expect(store.specificationVersion).toBe('v1');
    });

    it('upserts: a candle written again replaces the stored one, never a second row', async () => {
      const store = await openStore(await freshUrl());
      const candles = candlesOf(BTC, T0, 10);
      await store.write(candles);
      await store.write(candles.slice(3, 8));
      const revised = { ...candles[4]!, close: 999.5, volume: 1.5 };
      await store.write([revised]);
      const range = { ...BTC, from: T0, to: T0 + 10 * MINUTE };
      expect(await store.count(range)).toBe(10);
      const read = await collect(store.range(range));
      expect(read[4]).toEqual(revised);
      expect(read.map((c) => c.openTime)).toEqual(candles.map((c) => c.openTime));
    });

    it('rejects an open candle naming it, and writes nothing of that batch', async () => {
      const store = await openStore(await freshUrl());
      const candles = candlesOf(BTC, T0, 3);
      const open = { ...candles[2]!, closed: false };
      await expect(store.write([candles[0]!, candles[1]!, open])).rejects.toThrow(
        /binance:spot:BTCUSDT:1m@2025-01-01T00:02:00.000Z.*not closed/,
      );
      await expect(store.write([{ ...candles[0]!, high: Number.NaN }])).rejects.toThrow(/finite/);
      expect(await store.count({ ...BTC, from: T0, to: T0 + 3 * MINUTE })).toBe(0);
    });

    it('keeps streams apart: range, last and count are per stream', async () => {
      const store = await openStore(await freshUrl());
      await store.write([
        ...candlesOf(BTC, T0, 5),
        ...candlesOf(ETH, T0, 8),
        ...candlesOf(OKX, T0 + MINUTE, 2),
      ]);
      expect((await store.last(BTC))?.openTime).toBe(T0 + 4 * MINUTE);
      expect((await store.last(ETH))?.openTime).toBe(T0 + 7 * MINUTE);
      expect(await store.last(OKX)).toEqual(candlesOf(OKX, T0 + MINUTE, 2)[1]);
      expect(await store.last({ ...BTC, interval: '1h' })).toBeUndefined();
      expect(await store.count({ ...ETH, from: T0, to: T0 + HOUR })).toBe(8);
      const streams = await store.streams();
      expect(streams).toHaveLength(3);
      expect(streams).toEqual(expect.arrayContaining([BTC, ETH, OKX]));
    });

    it('pages a range in order, half-open [from, to), whatever the page size', async () => {
      const store = await openStore(await freshUrl());
      const candles = candlesOf(BTC, T0, 50);
      await store.write(candles);
      const read = await collect(
        store.range({ ...BTC, from: T0 + 3 * MINUTE, to: T0 + 44 * MINUTE, pageSize: 7 }),
      );
      expect(read).toEqual(candles.slice(3, 44));
      const exact = await collect(store.range({ ...BTC, from: T0, to: T0 + 50 * MINUTE, pageSize: 10 }));
      expect(exact).toHaveLength(50);
      expect(await collect(store.range({ ...BTC, from: T0 + HOUR, to: T0 + 2 * HOUR }))).toEqual([]);
    });

    it('reports the holes of a range', async () => {
      const store = await openStore(await freshUrl());
      const candles = candlesOf(BTC, T0, 20).filter((_c, i) => i < 5 || (i >= 8 && i < 15) || i === 18);
      await store.write(candles);
      await store.write(candlesOf(ETH, T0 + 5 * MINUTE, 3));
      expect(await store.holes({ ...BTC, from: T0, to: T0 + 20 * MINUTE })).toEqual([
        { from: T0 + 5 * MINUTE, to: T0 + 8 * MINUTE },
        { from: T0 + 15 * MINUTE, to: T0 + 18 * MINUTE },
        { from: T0 + 19 * MINUTE, to: T0 + 20 * MINUTE },
      ]);
      expect(await store.holes({ ...BTC, from: T0 + 8 * MINUTE, to: T0 + 15 * MINUTE })).toEqual([]);
    });

    it('keeps what it wrote across a close and reopen (schema migrated once)', async () => {
      const url = await freshUrl();
      const first = await openStore(url);
      await first.write(candlesOf(BTC, T0, 12));
      await first.close();
      const second = await openStore(url);
      await second.write(candlesOf(BTC, T0 + 10 * MINUTE, 5));
      expect(await second.count({ ...BTC, from: T0, to: T0 + HOUR })).toBe(15);
      expect((await second.last(BTC))?.openTime).toBe(T0 + 14 * MINUTE);
    });

    it('writes a large batch in one call', async () => {
      const store = await openStore(await freshUrl());
      await store.write(candlesOf(BTC, T0, 12_000));
      expect(await store.count({ ...BTC, from: T0, to: T0 + 12_000 * MINUTE })).toBe(12_000);
    });
  });
}

const HOUR = 60 * MINUTE;
