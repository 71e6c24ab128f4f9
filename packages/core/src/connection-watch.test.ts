import { describe, expect, it } from 'vitest';
import { ConnectionWatch } from './connection-watch';
import { ManualClock } from './test-support/manual-clock';
import { toyMarketSpec } from './test-support/toy-adapter';

function setUp(ws: NonNullable<Parameters<typeof toyMarketSpec>[0]>['ws']) {
  const clock = new ManualClock(0);
  const log: string[] = [];
  let lastMessageAt = 0;
  let open = true;
  const watch = new ConnectionWatch(clock, toyMarketSpec({ ws }).ws, {
    isOpen: () => open,
    lastMessageAt: () => lastMessageAt,
    ping: (frame) => log.push(`${clock.now()} ping ${frame}`),
    recycle: (reason) => {
      log.push(`${clock.now()} recycle ${reason}`);
      open = false;
    },
    silent: (silentMs) => log.push(`${clock.now()} silent ${silentMs}`),
  });
  return { clock, watch, log, message: () => (lastMessageAt = clock.now()) };
}

describe('ConnectionWatch', () => {
  it('pings on the venue heartbeat and recycles a socket silent past the inactivity timeout', () => {
    const { clock, watch, log, message } = setUp({
      heartbeat: { everyMs: 10_000, frame: 'ping' },
      inactivityTimeoutMs: 30_000,
    });
    watch.start();
    clock.advance(25_000);
    message();
    clock.advance(29_999);
    expect(log).toEqual([
      '10000 ping ping',
      '20000 ping ping',
      '30000 ping ping',
      '40000 ping ping',
      '50000 ping ping',
    ]);
    clock.advance(1);
    // 30 s after the last frame (at 25 s), not after the first check (at 30 s).
    expect(log.slice(-2)).toEqual(['55000 silent 30000', '55000 recycle inactivity timeout']);
    clock.advance(60_000);
    expect(log).toHaveLength(7);
    watch.stop();
  });

  it('recycles at the maximum connection age, and stop clears every timer', () => {
    const { clock, watch, log } = setUp({ inactivityTimeoutMs: 3_600_000, maxConnectionAgeMs: 60_000 });
    watch.start();
    clock.advance(60_000);
    expect(log).toEqual(['60000 recycle maximum connection age reached']);
    watch.stop();
    expect(clock.pending).toBe(0);
  });
});
