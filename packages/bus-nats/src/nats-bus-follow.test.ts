import type { BusStatus, CandleBus } from '@ohlcv/core';
import { prng } from '@ohlcv/testkit';
import { afterEach, expect, it } from 'vitest';
import { closedCandle, closedRange, keyOf, openCandle } from './testing/candles';
import { describeWithNatsServer } from './testing/nats-test-env';
import { RecordingListener } from './testing/recording-listener';

const openTimesOf = (from: number, to: number) => closedRange(from, to).map((c) => c.openTime);

/** Resolves on the bus's next status of `type`. */
function nextStatus(bus: CandleBus, type: BusStatus['type']): Promise<void> {
  return new Promise((resolve) => {
    const off = bus.onStatus((status) => {
      if (status.type !== type) return;
      off();
      resolve();
    });
  });
}

describeWithNatsServer('NATS bus: follow', (env) => {
  const makeBus = env.makeBus;
  const key = keyOf();
  const follows: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(follows.splice(0).map((follow) => follow.close()));
  });

  it('delivers the retained candles after the cursor, then new ones, in order and once', async () => {
    const bus = await makeBus();
    await bus.publishClosed(key, closedRange(1, 5));
    const fromCursor = new RecordingListener();
    const fromStart = new RecordingListener();
    const pastEnd = new RecordingListener();
    follows.push(bus.follow(key, closedCandle(3).openTime, fromCursor));
    follows.push(bus.follow(key, undefined, fromStart));
    follows.push(bus.follow(key, closedCandle(9).openTime, pastEnd));
    await fromCursor.untilClosedCount(2);
    await bus.publishClosed(key, closedRange(4, 8));
    await bus.publishClosed(key, closedRange(9, 11));
    await Promise.all([
      fromCursor.untilClosedCount(8),
      fromStart.untilClosedCount(11),
      pastEnd.untilClosedCount(2),
    ]);
    expect(fromCursor.closedCandles).toEqual(closedRange(4, 11));
    expect(fromStart.closedCandles).toEqual(closedRange(1, 11));
    expect(pastEnd.closedCandles).toEqual(closedRange(10, 11));
    expect([fromCursor, fromStart, pastEnd].flatMap((l) => l.errors)).toEqual([]);
  });

  it('keeps one ordered copy when two writers publish the same candles while it follows', async () => {
    const namespace = env.freshNamespace();
    const [a, b, edge] = await Promise.all([
      makeBus({ namespace }),
      makeBus({ namespace }),
      makeBus({ namespace }),
    ]);
    const listener = new RecordingListener();
    follows.push(edge.follow(key, undefined, listener));
    for (let n = 1; n <= 20; n += 4) {
      await Promise.all([
        a.publishClosed(key, closedRange(n, n + 3)),
        b.publishClosed(key, closedRange(n, n + 3)),
      ]);
    }
    await listener.untilClosedCount(20);
    await b.publishClosed(key, closedRange(21, 21));
    await listener.untilClosedCount(21);
    expect(listener.closedOpenTimes).toEqual(openTimesOf(1, 21));
  });

  it('keeps one gapless ordered copy when three writers race with random overlapping replays', async () => {
    const namespace = env.freshNamespace();
    const [edge, ...writers] = await Promise.all([1, 2, 3, 4].map(() => makeBus({ namespace })));
    const listener = new RecordingListener();
    follows.push(edge!.follow(key, undefined, listener));
    const random = prng(12);
    await Promise.all(
      writers.map(async (writer) => {
        // Each writer replays from somewhere at or below where it is (as a hand-over gap fill does).
        for (let done = 0; done < 60; ) {
          const from = Math.max(1, done + 1 - Math.floor(random() * 5));
          const to = Math.min(60, from + Math.floor(random() * 8));
          await writer.publishClosed(key, closedRange(from, to));
          done = Math.max(done, to);
        }
      }),
    );
    await listener.untilClosedCount(60);
    expect(listener.closedOpenTimes).toEqual(openTimesOf(1, 60));
    expect(await edge!.recentClosed(key, 1_000)).toEqual(closedRange(1, 60));
  });

  it('conflates open updates: a late follower gets the latest, none for a candle already closed', async () => {
    const bus = await makeBus();
    await bus.publishClosed(key, closedRange(1, 3));
    for (const close of [1, 2, 3]) await bus.publishOpen(key, openCandle(4, close));
    await bus.lastClosed(key); // a round trip, so the open updates above have reached the server
    const listener = new RecordingListener();
    follows.push(bus.follow(key, undefined, listener));
    await listener.until(
      () => listener.openCandles.length >= 1 && listener.closedCandles.length >= 3,
      'the open',
    );
    expect(listener.openCandles).toEqual([openCandle(4, 3)]);
    await bus.publishOpen(key, openCandle(3, 9)); // stale: 3 was delivered closed
    await bus.publishOpen(key, openCandle(4, 4));
    await bus.publishClosed(key, [closedCandle(4)]);
    await bus.publishOpen(key, openCandle(4, 5)); // stale once 4 has closed
    await bus.publishOpen(key, openCandle(5, 1));
    await listener.until(
      () => listener.openCandles.some((c) => c.openTime === closedCandle(5).openTime),
      '5 open',
    );
    expect(listener.openCandles.map((c) => [c.openTime, c.close])).toEqual([
      [closedCandle(4).openTime, 3],
      [closedCandle(4).openTime, 4],
      [closedCandle(5).openTime, 1],
    ]);
    expect(listener.closedOpenTimes).toEqual(openTimesOf(1, 4));
  });

  it('stops calling the listener once close resolves', async () => {
    const bus = await makeBus();
    const listener = new RecordingListener();
    const follow = bus.follow(key, undefined, listener);
    await bus.publishClosed(key, closedRange(1, 2));
    await listener.untilClosedCount(2);
    await follow.close();
    await bus.publishClosed(key, closedRange(3, 4));
    await bus.publishOpen(key, openCandle(5, 1));
    const probe = new RecordingListener();
    follows.push(bus.follow(key, closedCandle(2).openTime, probe));
    await probe.untilClosedCount(2);
    expect(listener.closedOpenTimes).toEqual(openTimesOf(1, 2));
    expect(listener.openCandles).toEqual([]);
  });

  it('ends its follows on close and refuses new work after it', async () => {
    const namespace = env.freshNamespace();
    const [bus, writer] = await Promise.all([makeBus({ namespace }), makeBus({ namespace })]);
    const listener = new RecordingListener();
    bus.follow(key, undefined, listener);
    await writer.publishClosed(key, closedRange(1, 1));
    await listener.untilClosedCount(1);
    await bus.close();
    expect(bus.connected).toBe(false);
    await writer.publishClosed(key, closedRange(2, 3));
    const probe = new RecordingListener();
    follows.push(writer.follow(key, undefined, probe));
    await probe.untilClosedCount(3);
    expect(listener.closedOpenTimes).toEqual(openTimesOf(1, 1));
    expect(() => bus.follow(key, undefined, new RecordingListener())).toThrow(/is closed/);
    await expect(bus.publishClosed(key, closedRange(4, 4))).rejects.toThrow();
  });

  it('resumes after a server crash (kill -9): each closed candle once, in order; nothing acked is lost', async () => {
    const namespace = env.freshNamespace();
    const [writer, edge] = await Promise.all([makeBus({ namespace }), makeBus({ namespace })]);
    const listener = new RecordingListener();
    follows.push(edge.follow(key, undefined, listener));
    await writer.publishClosed(key, closedRange(1, 3));
    await listener.untilClosedCount(3);
    const down = nextStatus(edge, 'disconnected');
    const up = Promise.all([nextStatus(edge, 'connected'), nextStatus(writer, 'connected')]);
    await env.restartServer(async () => {
      await down;
      expect(edge.connected).toBe(false);
    }, true);
    await up;
    expect(edge.connected).toBe(true);
    await writer.publishClosed(key, closedRange(4, 6));
    await listener.untilClosedCount(6);
    await writer.publishClosed(key, closedRange(7, 8));
    await listener.untilClosedCount(8);
    expect(listener.closedOpenTimes).toEqual(openTimesOf(1, 8));
    expect(await edge.recentClosed(key, 100)).toEqual(closedRange(1, 8));
  });

  it('starts a follow asked for during an outage once the server is back', async () => {
    const namespace = env.freshNamespace();
    const [writer, edge] = await Promise.all([makeBus({ namespace }), makeBus({ namespace })]);
    await writer.publishClosed(key, closedRange(1, 2));
    const listener = new RecordingListener();
    const down = nextStatus(edge, 'disconnected');
    const up = Promise.all([nextStatus(edge, 'connected'), nextStatus(writer, 'connected')]);
    await env.restartServer(async () => {
      await down;
      follows.push(edge.follow(key, closedCandle(1).openTime, listener));
    });
    await up;
    await writer.publishClosed(key, closedRange(3, 4));
    await listener.untilClosedCount(3);
    expect(listener.errors).toEqual([]); // it waited for the connection instead of timing out
    expect(listener.closedOpenTimes).toEqual(openTimesOf(2, 4));
  });

  it('makes a call during an outage wait for the connection, or reject naming the bus', async () => {
    const namespace = env.freshNamespace();
    const [writer, impatient] = await Promise.all([
      makeBus({ namespace }),
      makeBus({ namespace, reconnectWaitMs: 100 }),
    ]);
    await writer.publishClosed(key, closedRange(1, 1));
    let published: Promise<void> | undefined;
    const down = Promise.all([nextStatus(writer, 'disconnected'), nextStatus(impatient, 'disconnected')]);
    await env.restartServer(async () => {
      await down;
      published = writer.publishClosed(key, closedRange(2, 3));
      await expect(impatient.lastClosed(key)).rejects.toThrow(
        `the bus at ${env.server.url} has been unreachable for 100 ms`,
      );
    });
    await published;
    expect(await writer.recentClosed(key, 100)).toEqual(closedRange(1, 3));
  });
});
