import { describe, expect, it } from 'vitest';
import { QuietCloseCheck } from './quiet-close';
import { FAKE_MINUTE, FAKE_T0, fakeCandle, fakeStream, settle } from './test-support/fake-stream';

const GRACE = 5_000;

function setUp() {
  const stream = fakeStream(
    { candles: { closeDetection: 'rollover', closeGraceMs: GRACE, emptyIntervals: 'absent' } },
    FAKE_T0 + 10_000,
  );
  const check = new QuietCloseCheck(stream);
  const open = fakeCandle(0, false, 7);
  stream.sequencer.onLive(open);
  check.onOpen(open, stream.clock.now());
  return { stream, check };
}

describe('QuietCloseCheck', () => {
  it('asks REST once the candle must have ended and closes it with the final row', async () => {
    const { stream } = setUp();
    stream.clock.advance(FAKE_MINUTE - 10_000 + GRACE - 1);
    expect(stream.fetches).toEqual([]);
    stream.clock.advance(1);
    expect(stream.fetches).toEqual([[0, 1]]);
    await settle();
    expect(stream.log).toEqual(['open 0 live 7', 'closed 0 rest 100']);
  });

  it('asks again while REST says the candle is not over, with growing waits, then gives up', async () => {
    const { stream } = setUp();
    stream.answer = async () => [fakeCandle(0, false, 8)];
    const askedBy = (minutes: number) => {
      stream.clock.advance(minutes * FAKE_MINUTE);
      return settle().then(() => stream.fetches.length);
    };
    let asked = 0;
    for (let step = 0; step < 120; step++) asked = await askedBy(1);
    // 5 s, 10 s, 20 s … after the deadline, five more: a bounded number of REST calls.
    expect(asked).toBeGreaterThan(2);
    expect(asked).toBeLessThan(15);
    expect(await askedBy(24 * 60)).toBe(asked);
    expect(stream.log).toEqual(['open 0 live 7']);
  });

  it('stops when the next candle started (gap fill closes it) or the stream is disposed', async () => {
    const { stream, check } = setUp();
    stream.sequencer.onLive(fakeCandle(1, false));
    check.onOpen(fakeCandle(1, false), stream.clock.now());
    check.dispose();
    stream.clock.advance(10 * FAKE_MINUTE);
    await settle();
    expect(stream.fetches).toEqual([]);
  });
});
