import { describe, expect, it } from 'vitest';
import { StallLadder } from './stall-ladder';
import { StreamStall } from './stream-stall';
import { fakeStream } from './test-support/fake-stream';

describe('StreamStall + StallLadder', () => {
  it('reports stalled once per silence, re-subscribes then recycles, and recovered on data', () => {
    const stream = fakeStream({ candles: { stallTimeoutMs: 1_000 } });
    const ladder = new StallLadder(new StreamStall(stream));
    stream.clock.advance(999);
    expect(stream.log).toEqual([]);
    stream.clock.advance(1);
    expect(stream.log).toEqual(['stalled 1000']);
    expect(stream.actions).toEqual(['resubscribe']);
    stream.clock.advance(1_000);
    expect(stream.actions).toEqual(['resubscribe', 'recycle']);
    expect(stream.log).toEqual(['stalled 1000']);
    ladder.lastLiveAt = stream.clock.now();
    ladder.onData();
    expect(stream.log).toEqual(['stalled 1000', 'recovered']);
    expect(ladder.stalled).toBe(false);
    ladder.dispose();
    stream.clock.advance(10_000);
    expect(stream.actions).toEqual(['resubscribe', 'recycle']);
  });

  it('does not call a quiet 1d stream stalled after the venue timeout where quiet candles push nothing', () => {
    const stream = fakeStream({
      candles: { stallTimeoutMs: 1_000, quietPushes: 'on-change', closeGraceMs: 5_000 },
    });
    const day = { ...stream, id: { ...stream.id, interval: '1d' as const } };
    const ladder = new StallLadder(new StreamStall(day));
    stream.clock.advance(24 * 3_600_000);
    expect(stream.log).toEqual([]);
    stream.clock.advance(5_000);
    expect(stream.log).toEqual([`stalled ${24 * 3_600_000 + 5_000}`]);
    ladder.dispose();
  });

  it('waits for the connection before acting, while the silence goes on counting', () => {
    const stream = fakeStream({ candles: { stallTimeoutMs: 1_000 } });
    stream.connectedNow = false;
    const ladder = new StallLadder(new StreamStall(stream));
    stream.clock.advance(3_000);
    expect(stream.log).toEqual(['stalled 1000']);
    expect(stream.actions).toEqual([]);
    stream.connectedNow = true;
    stream.clock.advance(20_000);
    expect(stream.actions.length).toBeGreaterThan(0);
    ladder.dispose();
  });
});
