import type { CandleBus, CandleBusOptions } from '@ohlcv/core';
import { expect, it } from 'vitest';
import { eventually, expectWithinTtl, KEYS } from './bus-test-support';

export interface CoordinationContext {
  open(options: CandleBusOptions): Promise<CandleBus>;
  /** A fresh namespace per test. */
  namespace(): string;
  timeoutMs: number;
}

/** The coordination half of the bus contract: demand announcements with TTLs, and leases. */
export function describeCoordinationConformance(context: CoordinationContext): void {
  const { open, namespace, timeoutMs } = context;

  it('keeps demand until its TTL lapses; an owner renews by announcing again', async () => {
    const ns = namespace();
    const edge = await open({ namespace: ns });
    const other = await open({ namespace: ns });
    const [a, b, c] = KEYS as [string, string, string];
    const announcedAt = Date.now();
    await edge.announceDemand('edge-1', [a, b], 400);
    await other.announceDemand('edge-2', [b], 60_000);
    const early = await other.demandedStreams();
    expect(early).toContain(b);
    expectWithinTtl(announcedAt, 400, early.includes(a), 'demand for a before its TTL');
    await edge.announceDemand('edge-1', [c], 60_000);
    await eventually(
      async () => !(await edge.demandedStreams()).includes(a),
      'demand for a to lapse',
      timeoutMs,
    );
    expect((await edge.demandedStreams()).sort()).toEqual([b, c].sort());
    // A shorter TTL from one owner does not cut another owner's demand short.
    await edge.announceDemand('edge-1', [b], 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await edge.demandedStreams()).toContain(b);
  });

  it('grants a lease to one worker, renews it for its holder only, lets it lapse and releases it', async () => {
    const ns = namespace();
    const one = await open({ namespace: ns });
    const two = await open({ namespace: ns });
    const key = KEYS[0]!;
    expect(await one.leaseHolder(key)).toBeUndefined();
    const claims = await Promise.all([one.claimLease(key, 'w1', 60_000), two.claimLease(key, 'w2', 60_000)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const holder = claims[0] ? 'w1' : 'w2';
    const loser = claims[0] ? 'w2' : 'w1';
    expect(await two.leaseHolder(key)).toBe(holder);
    expect(await one.renewLease(key, loser, 60_000)).toBe(false);
    expect(await one.renewLease(key, holder, 60_000)).toBe(true);
    await two.releaseLease(key, loser);
    expect(await one.leaseHolder(key)).toBe(holder);
    await two.releaseLease(key, holder);
    expect(await one.leaseHolder(key)).toBeUndefined();
    expect(await one.renewLease(key, holder, 60_000)).toBe(false);

    const other = KEYS[1]!;
    const claimedAt = Date.now();
    expect(await one.claimLease(other, 'w1', 300)).toBe(true);
    const refused = !(await two.claimLease(other, 'w2', 300));
    expectWithinTtl(claimedAt, 300, refused, 'a live lease refused to another worker');
    await eventually(
      async () => (await two.leaseHolder(other)) === undefined,
      'the lease to lapse',
      timeoutMs,
    );
    expect(await one.renewLease(other, 'w1', 300)).toBe(false);
    expect(await two.claimLease(other, 'w2', 60_000)).toBe(true);
    expect(await one.leaseHolder(other)).toBe('w2');
  });
}
