import type { CandleBus, CandleBusFactory } from '@ohlcv/core';
import { expect, it } from 'vitest';
import { createNatsBus } from './nats-bus';
import { closedCandle, closedRange, keyOf } from './testing/candles';
import { describeWithNatsServer } from './testing/nats-test-env';

/** The package's factory is a core `CandleBusFactory` (checked by the type-check). */
const factory: CandleBusFactory = createNatsBus;

describeWithNatsServer('NATS bus: closed candles', (env) => {
  const makeBus = env.makeBus;
  const key = keyOf();
  const openTimes = async (bus: CandleBus, k = key) =>
    (await bus.recentClosed(k, 1_000)).map((c) => c.openTime);

  it('keeps one copy when writers publish the same and overlapping candles at once', async () => {
    const namespace = env.freshNamespace();
    const writers = await Promise.all([1, 2, 3, 4].map(() => makeBus({ namespace })));
    await Promise.all(writers.map((writer) => writer.publishClosed(key, closedRange(1, 5))));
    await Promise.all([
      writers[0]!.publishClosed(key, closedRange(4, 8)),
      writers[1]!.publishClosed(key, closedRange(1, 10)),
      writers[2]!.publishClosed(key, closedRange(6, 10)),
    ]);
    for (const n of [9, 10]) await writers[3]!.publishClosed(key, [closedCandle(n)]);
    expect(await writers[3]!.recentClosed(key, 100)).toEqual(closedRange(1, 10));
    expect(await writers[0]!.lastClosed(key)).toEqual(closedCandle(10));
  });

  it('stores in increasing openTime: a candle not above the newest is dropped, from any writer', async () => {
    const namespace = env.freshNamespace();
    const writer = await makeBus({ namespace });
    await writer.publishClosed(key, [closedCandle(1), closedCandle(3)]);
    // openTime 2 was never written, so no duplicate id catches it: only the ordering guard does,
    // both for the writer that knows the tail and for a fresh one that has to read it.
    await writer.publishClosed(key, [closedCandle(2)]);
    const fresh = await makeBus({ namespace });
    await fresh.publishClosed(key, [closedCandle(2, 'BTC/USDT', { close: 1 }), closedCandle(4)]);
    await writer.publishClosed(key, [closedCandle(3, 'BTC/USDT', { close: 2 }), closedCandle(5)]);
    expect(await openTimes(writer)).toEqual([1, 3, 4, 5].map((n) => closedCandle(n).openTime));
    expect((await writer.recentClosed(key, 100)).map((c) => c.close)).toEqual([106, 108, 109, 110]);
  });

  it('keeps the newest `retention` candles per stream and returns the newest `limit` ascending', async () => {
    const bus = await makeBus({ retention: 5 });
    const other = keyOf('ETH/USDT');
    await bus.publishClosed(key, closedRange(1, 12));
    await bus.publishClosed(other, closedRange(1, 3, 'ETH/USDT'));
    expect(await bus.recentClosed(key, 100)).toEqual(closedRange(8, 12));
    expect(await bus.recentClosed(key, 3)).toEqual(closedRange(10, 12));
    expect(await bus.recentClosed(key, 1)).toEqual([closedCandle(12)]);
    expect(await bus.recentClosed(key, 0)).toEqual([]);
    expect(await bus.recentClosed(other, 100)).toEqual(closedRange(1, 3, 'ETH/USDT'));
  });

  it('adopts an existing stream and applies the retention it is opened with', async () => {
    const namespace = env.freshNamespace();
    const first = await makeBus({ namespace, retention: 10 });
    await first.publishClosed(key, closedRange(1, 8));
    const second = await makeBus({ namespace, retention: 3 });
    expect(await second.recentClosed(key, 100)).toEqual(closedRange(6, 8));
    await first.publishClosed(key, closedRange(9, 9));
    expect(await first.recentClosed(key, 100)).toEqual(closedRange(7, 9));
  });

  it('answers undefined and [] for a stream with nothing stored', async () => {
    const bus = await makeBus();
    expect(await bus.lastClosed(keyOf('NONE'))).toBeUndefined();
    expect(await bus.recentClosed(keyOf('NONE'), 10)).toEqual([]);
  });

  it('keeps every symbol form apart on its own subject', async () => {
    const bus = await makeBus();
    const symbols = ['BTC/USDT', 'PURR/USDC', '@107', 'xyz:XYZ100', 'BTC-USDT-SWAP', 'BTC_USDT', 'BTCUSDT'];
    await Promise.all(symbols.map((s, i) => bus.publishClosed(keyOf(s), [closedCandle(i, s)])));
    for (const [i, s] of symbols.entries())
      expect(await bus.recentClosed(keyOf(s), 10)).toEqual([closedCandle(i, s)]);
  });

  it('refuses bad input with an error naming it, and stores none of the batch', async () => {
    const bus = await makeBus();
    const batch = [closedCandle(1), { ...closedCandle(2), closed: false }];
    await expect(bus.publishClosed(key, batch)).rejects.toThrow(/candle 1 \(openTime \d+\) is open/);
    await expect(bus.publishClosed(keyOf('ETH/USDT'), [closedCandle(1)])).rejects.toThrow(
      /publishClosed\(binance:spot:ETH\/USDT:1m\): candle 0 is of binance:spot:BTC\/USDT:1m/,
    );
    await expect(bus.publishClosed(key, [{ ...closedCandle(3), high: Number.NaN }])).rejects.toThrow(/NaN/);
    await expect(bus.lastClosed('binance:spot:1m')).rejects.toThrow(/invalid stream key "binance:spot:1m"/);
    await expect(bus.recentClosed(key, -1)).rejects.toThrow(/limit must be a whole number ≥ 0, got -1/);
    expect(await bus.lastClosed(key)).toBeUndefined();
  });

  it('strips credentials from displayUrl and names the URL when it cannot connect', async () => {
    // This server has no authorization configured, so it accepts (and ignores) the credentials.
    const bus = await factory(`nats://user:secret@127.0.0.1:${env.server.port}`, {
      namespace: env.freshNamespace(),
    });
    try {
      expect(bus.displayUrl).toBe(env.server.url);
      expect(bus.connected).toBe(true);
    } finally {
      await bus.close();
    }
    await expect(createNatsBus('nats://user:secret@127.0.0.1:1')).rejects.toThrow(
      /^cannot connect to the NATS bus at nats:\/\/127\.0\.0\.1:1: /,
    );
  });
});
