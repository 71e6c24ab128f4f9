import type { Candle, CandleBus, CandleBusOptions } from '@ohlcv/core';
import { afterEach, describe, expect, it } from 'vitest';
import { describeCoordinationConformance } from './bus-coordination-conformance';
import { busTestCandle, eventually, KEYS, opens, retry } from './bus-test-support';

export { busTestCandle, eventually } from './bus-test-support';

export interface BusConformanceOptions {
  /** Opens a new client of the bus under test (each test passes its own `namespace`). */
  createBus: (options: CandleBusOptions) => Promise<CandleBus>;
  /**
   * Cuts every client connection without losing the bus's data (e.g. Redis `CLIENT KILL TYPE normal`,
   * or a NATS server restart on the same store); the clients must reconnect on their own.
   */
  interrupt: () => Promise<void>;
  /** Bound of every wait. @default 10_000 */
  timeoutMs?: number;
}

/**
 * The behaviour every CandleBus must show, as a vitest suite: run it from each bus package's tests
 * with a factory onto a real server.
 */
export function describeBusConformance(name: string, options: BusConformanceOptions): void {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const opened: CandleBus[] = [];
  let run = 0;
  const namespace = (): string => {
    run += 1;
    return `conf${process.pid}x${Date.now().toString(36)}x${run}`;
  };
  const open = async (busOptions: CandleBusOptions): Promise<CandleBus> => {
    const bus = await options.createBus(busOptions);
    opened.push(bus);
    return bus;
  };

  describe(`CandleBus conformance: ${name}`, () => {
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((bus) => bus.close().catch(() => undefined)));
    });

    it('states the contract version and a display URL without credentials', async () => {
      const bus = await open({ namespace: namespace() });
      expect(bus.specificationVersion).toBe('v1');
      expect(bus.displayUrl).not.toMatch(/:[^:/@]+@/);
      expect(bus.connected).toBe(true);
    });

    it('keeps one copy of each closed candle published by two writers, in order', async () => {
      const ns = namespace();
      const [first, second] = await Promise.all([open({ namespace: ns }), open({ namespace: ns })]);
      for (const key of KEYS) {
        const candles = Array.from({ length: 8 }, (_, index) => busTestCandle(key, index));
        await first!.publishClosed(key, candles.slice(0, 6));
        // A hand-over: the new writer overlaps what the old one published and is still publishing.
        await Promise.all([
          first!.publishClosed(key, candles.slice(6)),
          second!.publishClosed(key, candles.slice(3)),
        ]);
        await second!.publishClosed(key, candles.slice(3, 5));
        const stored = await first!.recentClosed(key, 100);
        expect(opens(stored)).toEqual(opens(candles));
        expect(stored[4]).toEqual(candles[4]);
        expect(await second!.lastClosed(key)).toEqual(candles[7]);
      }
    });

    it('drops a closed candle not above the newest stored one; lastClosed of an unknown stream is undefined', async () => {
      const bus = await open({ namespace: namespace() });
      const key = KEYS[0]!;
      expect(await bus.lastClosed(key)).toBeUndefined();
      expect(await bus.recentClosed(key, 10)).toEqual([]);
      await bus.publishClosed(key, [busTestCandle(key, 5)]);
      await bus.publishClosed(key, [busTestCandle(key, 3), busTestCandle(key, 5), busTestCandle(key, 6)]);
      expect(opens(await bus.recentClosed(key, 10))).toEqual(
        opens([busTestCandle(key, 5), busTestCandle(key, 6)]),
      );
      expect(opens(await bus.recentClosed(key, 1))).toEqual([busTestCandle(key, 6).openTime]);
    });

    it('retains the newest `retention` closed candles per stream (and not unboundedly more)', async () => {
      const retention = 10;
      const bus = await open({ namespace: namespace(), retention });
      const key = KEYS[1]!;
      const total = 400;
      for (let start = 0; start < total; start += 50) {
        await bus.publishClosed(
          key,
          Array.from({ length: 50 }, (_, index) => busTestCandle(key, start + index)),
        );
      }
      const newest = await bus.recentClosed(key, retention);
      expect(opens(newest)).toEqual(
        Array.from(
          { length: retention },
          (_, index) => busTestCandle(key, total - retention + index).openTime,
        ),
      );
      const all = await bus.recentClosed(key, 100_000);
      expect(all.length).toBeGreaterThanOrEqual(retention);
      expect(all.length).toBeLessThanOrEqual(retention + 200);
      expect(opens(all)).toEqual([...opens(all)].sort((a, b) => a - b));
      expect(await bus.lastClosed(key)).toEqual(busTestCandle(key, total - 1));
    });

    it('follows from a cursor: retained candles after it, then new ones, each once, across a reconnect', async () => {
      const ns = namespace();
      const writer = await open({ namespace: ns });
      const reader = await open({ namespace: ns });
      const key = KEYS[1]!;
      await writer.publishClosed(
        key,
        [0, 1, 2, 3].map((index) => busTestCandle(key, index)),
      );
      const seen: Candle[] = [];
      const all: Candle[] = [];
      const follow = reader.follow(key, busTestCandle(key, 1).openTime, {
        closed: (candle) => seen.push(candle),
        open: () => undefined,
      });
      const fromStart = reader.follow(key, undefined, {
        closed: (candle) => all.push(candle),
        open: () => undefined,
      });
      await eventually(() => seen.length >= 2 && all.length >= 4, 'the retained candles', timeoutMs);
      await writer.publishClosed(key, [busTestCandle(key, 4)]);
      await eventually(() => seen.length >= 3, 'a new candle', timeoutMs);
      await options.interrupt();
      await retry(() => writer.publishClosed(key, [busTestCandle(key, 5), busTestCandle(key, 6)]), timeoutMs);
      await eventually(() => seen.length >= 5 && all.length >= 7, 'candles after the reconnect', timeoutMs);
      await retry(() => writer.publishClosed(key, [busTestCandle(key, 7)]), timeoutMs);
      await eventually(() => seen.length >= 6, 'one more candle', timeoutMs);
      await follow.close();
      await fromStart.close();
      expect(opens(seen)).toEqual([2, 3, 4, 5, 6, 7].map((index) => busTestCandle(key, index).openTime));
      expect(opens(all).slice(0, 7)).toEqual(
        [0, 1, 2, 3, 4, 5, 6].map((index) => busTestCandle(key, index).openTime),
      );
      expect(seen[3]).toEqual(busTestCandle(key, 5));
      await writer.publishClosed(key, [busTestCandle(key, 8)]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen).toHaveLength(6);
    });

    it('conflates open updates: a follower sees the latest, never as closed', async () => {
      const ns = namespace();
      const writer = await open({ namespace: ns });
      const reader = await open({ namespace: ns });
      const key = KEYS[2]!;
      const openSeen: Candle[] = [];
      const closedSeen: Candle[] = [];
      const follow = reader.follow(key, undefined, {
        closed: (candle) => closedSeen.push(candle),
        open: (candle) => openSeen.push(candle),
      });
      // Give the follow time to start before the first update.
      let first = 0;
      await retry(async () => {
        first += 1;
        await writer.publishOpen(key, { ...busTestCandle(key, 0, false), close: 1 });
        if (openSeen.length === 0) throw new Error('no open update yet');
      }, timeoutMs);
      const updates = Array.from({ length: 30 }, (_, index) => ({
        ...busTestCandle(key, 1, false),
        close: 200 + index,
      }));
      await Promise.all(updates.map((update) => writer.publishOpen(key, update)));
      await eventually(() => openSeen.at(-1)?.close === 229, 'the latest open update', timeoutMs);
      await follow.close();
      expect(openSeen.length).toBeLessThanOrEqual(first + updates.length);
      expect(openSeen.every((candle) => !candle.closed)).toBe(true);
      expect(closedSeen).toEqual([]);
      expect(await reader.lastClosed(key)).toBeUndefined();
    });

    describeCoordinationConformance({ open, namespace, timeoutMs });

    it('reports losing and regaining the connection, and works again after it', async () => {
      const bus = await open({ namespace: namespace() });
      const statuses: string[] = [];
      const off = bus.onStatus((status) => statuses.push(status.type));
      await options.interrupt();
      await eventually(() => statuses.includes('disconnected') && bus.connected, 'a reconnect', timeoutMs);
      off();
      expect(statuses.at(-1)).toBe('connected');
      const key = KEYS[0]!;
      await retry(() => bus.publishClosed(key, [busTestCandle(key, 1)]), timeoutMs);
      expect(await bus.lastClosed(key)).toEqual(busTestCandle(key, 1));
    });
  });
}
