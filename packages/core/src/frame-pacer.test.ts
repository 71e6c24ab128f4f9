import { describe, expect, it } from 'vitest';
import { FramePacer } from './frame-pacer';
import { ManualClock } from './test-support/manual-clock';
import { toyMarketSpec } from './test-support/toy-adapter';

function setUp(pending: number, ws: Parameters<typeof toyMarketSpec>[0] = {}) {
  const clock = new ManualClock(0);
  const sent: number[] = [];
  let left = pending;
  let open = true;
  const pacer = new FramePacer(clock, toyMarketSpec(ws).ws, {
    canSend: () => open,
    hasPending: () => left > 0,
    sendNext: () => {
      left -= 1;
      sent.push(clock.now());
      return undefined;
    },
    sendUrgent: (frame) => sent.push(typeof frame === 'string' ? -1 : -2),
  });
  return { clock, pacer, sent, close: () => (open = false) };
}

describe('FramePacer', () => {
  it('sends what one turn queued after it, within the control rate, the rest when the window allows', async () => {
    const { clock, pacer, sent } = setUp(5, { ws: { controlRate: { messages: 2, perMs: 1_000 } } });
    pacer.schedule();
    pacer.schedule();
    expect(sent).toEqual([]);
    await Promise.resolve();
    expect(sent).toEqual([0, 0]);
    // A slot frees perMs + ARRIVAL_GUARD_MS (25 ms) after its send.
    clock.advance(1_025);
    expect(sent).toEqual([0, 0, 1_025, 1_025]);
    clock.advance(1_025);
    expect(sent).toEqual([0, 0, 1_025, 1_025, 2_050]);
  });

  it('sends pongs and app pings first, within the control rate, and nothing once the socket is gone', () => {
    const { clock, pacer, sent, close } = setUp(3, { ws: { controlRate: { messages: 2, perMs: 1_000 } } });
    pacer.urgent('ping');
    expect(sent).toEqual([-1, 0]);
    pacer.urgent(Buffer.from('x'));
    expect(sent).toEqual([-1, 0]);
    clock.advance(1_100);
    expect(sent.slice(2)).toEqual([-2, 1_025]);
    close();
    pacer.stop();
    clock.advance(5_000);
    expect(sent).toHaveLength(4);
  });

  it('keeps subscribes within the slower subscribe budget too', () => {
    const { clock, pacer, sent } = setUp(3, {
      ws: { controlRate: { messages: 100, perMs: 1_000 }, subscribeBudget: { messages: 1, perMs: 60_000 } },
    });
    pacer.flush();
    clock.advance(60_024);
    expect(sent).toEqual([0]);
    clock.advance(1);
    expect(sent).toEqual([0, 60_025]);
  });
});
