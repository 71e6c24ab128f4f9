import { expect, it } from 'vitest';
import { closedRange, keyOf } from './testing/candles';
import { describeWithNatsServer } from './testing/nats-test-env';
import { RecordingListener } from './testing/recording-listener';

/** A clock the test moves by hand: lease and demand expiry without waiting. */
function manualClock(start = 1_800_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describeWithNatsServer('NATS bus: leases and demand', (env) => {
  const makeBus = env.makeBus;
  const key = keyOf();

  it('claims, renews, expires and releases a lease', async () => {
    const clock = manualClock();
    const namespace = env.freshNamespace();
    const [one, two] = await Promise.all([
      makeBus({ namespace, now: clock.now }),
      makeBus({ namespace, now: clock.now }),
    ]);
    expect(await one.leaseHolder(key)).toBeUndefined();
    expect(await one.claimLease(key, 'w1', 1_000)).toBe(true);
    expect(await two.claimLease(key, 'w2', 1_000)).toBe(false);
    expect(await two.leaseHolder(key)).toBe('w1');
    expect(await two.renewLease(key, 'w2', 1_000)).toBe(false);

    clock.advance(600);
    expect(await one.renewLease(key, 'w1', 1_000)).toBe(true); // now until +1600
    clock.advance(600);
    expect(await two.claimLease(key, 'w2', 1_000)).toBe(false);
    expect(await one.claimLease(key, 'w1', 1_000)).toBe(true); // the holder may claim again: until +2200

    clock.advance(1_001);
    expect(await two.leaseHolder(key)).toBeUndefined();
    expect(await one.renewLease(key, 'w1', 1_000)).toBe(false); // lapsed: renewing does not revive it
    expect(await two.claimLease(key, 'w2', 1_000)).toBe(true);
    expect(await one.renewLease(key, 'w1', 1_000)).toBe(false);

    await one.releaseLease(key, 'w1'); // not the holder: no-op
    expect(await one.leaseHolder(key)).toBe('w2');
    await two.releaseLease(key, 'w2');
    expect(await one.leaseHolder(key)).toBeUndefined();
    expect(await one.claimLease(key, 'w1', 1_000)).toBe(true);
    expect(await one.leaseHolder(keyOf('ETH/USDT'))).toBeUndefined();
  });

  it('lets exactly one of many racing claimants win, for a free and for a lapsed lease', async () => {
    const clock = manualClock();
    const namespace = env.freshNamespace();
    const workers = await Promise.all([1, 2, 3, 4, 5].map(() => makeBus({ namespace, now: clock.now })));
    const race = () => Promise.all(workers.map((bus, i) => bus.claimLease(key, `w${i}`, 1_000)));
    const first = await race();
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await workers[0]!.leaseHolder(key)).toBe(`w${first.indexOf(true)}`);
    clock.advance(1_500);
    const second = await race();
    expect(second.filter(Boolean)).toHaveLength(1);
    expect(await workers[0]!.leaseHolder(key)).toBe(`w${second.indexOf(true)}`);
  });

  it('uses the real clock by default: a short lease lapses on its own, never before its TTL', async () => {
    const bus = await makeBus();
    // Read before the claim: the lease's expiry is at least this + TTL, however slow the round trip
    // (reading it after the claim returned made the bound depend on the machine's load).
    const beforeClaim = Date.now();
    expect(await bus.claimLease(key, 'w1', 50)).toBe(true);
    // Not a fixed window: poll until the lapse is observable, with a deadline generous for a loaded machine.
    await expect.poll(() => bus.claimLease(key, 'w2', 60_000), { timeout: 20_000, interval: 20 }).toBe(true);
    expect(Date.now() - beforeClaim).toBeGreaterThanOrEqual(50);
    expect(await bus.leaseHolder(key)).toBe('w2');
    // A lease read by the real clock does not lapse early: w2's 60 s lease holds against w1.
    expect(await bus.claimLease(key, 'w1', 50)).toBe(false);
  });

  it('sets up when many buses start at once on a fresh namespace (workers and edges racing to create it)', async () => {
    for (let round = 0; round < 5; round++) {
      const namespace = env.freshNamespace();
      const buses = await Promise.all(Array.from({ length: 6 }, () => makeBus({ namespace })));
      expect(buses.every((bus) => bus.connected)).toBe(true);
    }
  });

  it('lists the streams some owner still wants, each until its own TTL', async () => {
    const clock = manualClock();
    const namespace = env.freshNamespace();
    const options = { namespace, now: clock.now };
    const [edgeA, edgeB, worker] = await Promise.all([makeBus(options), makeBus(options), makeBus(options)]);
    const [a, b, c] = [keyOf('A/USDT'), keyOf('B/USDT'), keyOf('xyz:XYZ100')];
    expect(await worker.demandedStreams()).toEqual([]);
    await edgeA.announceDemand('edge a', [a, b], 1_000);
    await edgeB.announceDemand('edge-b', [b, c], 5_000);
    expect(await worker.demandedStreams()).toEqual([a, b, c].sort());

    clock.advance(1_500);
    expect(await worker.demandedStreams()).toEqual([b, c].sort());
    await edgeA.announceDemand('edge a', [a], 1_000);
    expect(await worker.demandedStreams()).toEqual([a, b, c].sort());

    clock.advance(4_000);
    expect(await worker.demandedStreams()).toEqual([]);
    await edgeB.announceDemand('edge-b', [c], 1_000);
    expect(await worker.demandedStreams()).toEqual([c]);
  });

  it('canonicalises demanded keys and refuses bad arguments, naming them', async () => {
    const bus = await makeBus();
    await bus.announceDemand('edge', ['binance:linear:BTCUSDT:1m'], 1_000);
    expect(await bus.demandedStreams()).toEqual(['binance:usdm:BTCUSDT:1m']);
    await expect(bus.announceDemand('edge', ['Kraken Pro:spot:X:1m'], 1_000)).rejects.toThrow(/"Kraken Pro"/);
    await expect(bus.announceDemand('', [key], 1_000)).rejects.toThrow(/owner id/);
    await expect(bus.announceDemand('edge', [key], 0)).rejects.toThrow(/TTL must be > 0 ms, got 0/);
    await expect(bus.claimLease(key, 'w', -5)).rejects.toThrow(/TTL must be > 0 ms, got -5/);
    await expect(bus.claimLease(key, '', 1_000)).rejects.toThrow(/worker id/);
    await expect(bus.claimLease('nope', 'w', 1_000)).rejects.toThrow(/invalid stream key "nope"/);
  });

  it('hands a stream over: the new worker resumes from the last closed candle, a zombie repeats nothing', async () => {
    const clock = manualClock();
    const options = { namespace: env.freshNamespace(), now: clock.now };
    const [a, b, edge] = await Promise.all([makeBus(options), makeBus(options), makeBus(options)]);
    const listener = new RecordingListener();
    const follow = edge.follow(key, undefined, listener);
    try {
      expect(await a.claimLease(key, 'a', 10_000)).toBe(true);
      await a.publishClosed(key, closedRange(1, 5));
      clock.advance(10_001); // a stops renewing (killed, or cut off from the bus)
      expect(await b.claimLease(key, 'b', 10_000)).toBe(true);
      const last = await b.lastClosed(key);
      expect(last?.openTime).toBe(closedRange(5, 5)[0]!.openTime);
      await b.publishClosed(key, closedRange(3, 8)); // its gap fill overlaps what a published
      await a.publishClosed(key, closedRange(6, 7)); // a, not knowing it lost the lease
      expect(await a.renewLease(key, 'a', 10_000)).toBe(false);
      await b.publishClosed(key, closedRange(9, 9));
      await listener.untilClosedCount(9);
      expect(listener.closedCandles).toEqual(closedRange(1, 9));
      expect(await edge.recentClosed(key, 100)).toEqual(closedRange(1, 9));
    } finally {
      await follow.close();
    }
  });
});
