import { describe, expect, it, vi } from 'vitest';
import { FaultState, streamRefKey } from './faults';

describe('FaultState', () => {
  const btc = streamRefKey({ symbol: 'BTCUSDT', interval: '1m' });
  const eth = streamRefKey({ symbol: 'ETHUSDT', interval: '1m' });

  it('delegates dropConnections and toggles silence', () => {
    const drop = vi.fn();
    const faults = new FaultState({ dropConnections: drop });
    faults.dropConnections();
    expect(drop).toHaveBeenCalledOnce();
    faults.silence();
    expect(faults.silenced).toBe(true);
    faults.resume();
    expect(faults.silenced).toBe(false);
  });

  it('skips count pushes per stream, for one stream or for every stream', () => {
    const faults = new FaultState({ dropConnections: () => undefined });
    faults.skipPushes(2, { symbol: 'BTCUSDT', interval: '1m' });
    expect([faults.takeSkip(btc), faults.takeSkip(eth), faults.takeSkip(btc), faults.takeSkip(btc)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    faults.skipPushes(1);
    expect([faults.takeSkip(btc), faults.takeSkip(btc), faults.takeSkip(eth), faults.takeSkip(eth)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('counts duplicates, reorders, malformed frames and HTTP errors down', () => {
    const faults = new FaultState({ dropConnections: () => undefined });
    faults.duplicatePushes(1);
    faults.reorderPushes(2);
    faults.malformedFrames(1);
    faults.httpErrors(429, 2);
    expect([faults.takeDuplicate(), faults.takeDuplicate()]).toEqual([true, false]);
    expect([faults.takeReorder(), faults.takeReorder(), faults.takeReorder()]).toEqual([true, true, false]);
    expect([faults.takeMalformed(), faults.takeMalformed()]).toEqual([true, false]);
    expect([faults.takeHttpError(), faults.takeHttpError(), faults.takeHttpError()]).toEqual([
      429,
      429,
      undefined,
    ]);
  });

  it('stalls and unstalls one stream', () => {
    const faults = new FaultState({ dropConnections: () => undefined });
    faults.stallStream({ symbol: 'BTCUSDT', interval: '1m' });
    expect(faults.isStalled(btc)).toBe(true);
    expect(faults.isStalled(eth)).toBe(false);
    faults.unstallStream({ symbol: 'BTCUSDT', interval: '1m' });
    expect(faults.isStalled(btc)).toBe(false);
  });

  it('rejects bad arguments naming the value', () => {
    const faults = new FaultState({ dropConnections: () => undefined });
    expect(() => faults.httpErrors(200, 1)).toThrow('200');
    expect(() => faults.skipPushes(-2)).toThrow('-2');
  });
});

describe('FaultState: the chaos fault kinds', () => {
  it('queues truncated, garbage and oversized frames in the order asked', () => {
    const faults = new FaultState({ dropConnections: () => undefined });
    faults.truncateFrames(1);
    faults.garbageFrames(2);
    faults.oversizedFrames(1);
    expect([1, 2, 3, 4, 5].map(() => faults.takeMangle())).toEqual([
      'truncate',
      'garbage',
      'garbage',
      'oversize',
      undefined,
    ]);
    expect(() => faults.truncateFrames(-1)).toThrow('-1');
  });

  it('delists through the venue hook once, and remembers it', () => {
    const delist = vi.fn();
    const faults = new FaultState({ dropConnections: () => undefined, delist });
    faults.delistSymbol('BTCUSDT');
    faults.delistSymbol('BTCUSDT');
    expect(delist).toHaveBeenCalledOnce();
    expect(faults.isDelisted('BTCUSDT')).toBe(true);
    expect(faults.isDelisted('ETHUSDT')).toBe(false);
  });

  it('refuses connection faults a simulator did not wire, naming them', () => {
    const faults = new FaultState({ dropConnections: () => undefined });
    expect(() => faults.halfOpen()).toThrow('halfOpen');
    expect(() => faults.forgetSubscriptions()).toThrow('forgetSubscriptions');
    expect(() => faults.delistSymbol('X')).toThrow('delistSymbol');
  });

  it('holds hung REST requests until released or aborted, delays slow ones', async () => {
    const faults = new FaultState({ dropConnections: () => undefined });
    faults.hangRest(2);
    faults.slowRest(1, 20);
    let abort!: () => void;
    const aborted = new Promise<void>((resolve) => {
      abort = resolve;
    });
    const first = faults.rest.before(new Promise(() => undefined));
    const second = faults.rest.before(aborted);
    expect(faults.rest.hungCount()).toBe(2);
    abort();
    await second;
    expect(faults.rest.hungCount()).toBe(1);
    faults.releaseRest();
    await first;
    const started = Date.now();
    await faults.rest.before(new Promise(() => undefined));
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(faults.rest.before(new Promise(() => undefined))).toBeUndefined();
  });
});
