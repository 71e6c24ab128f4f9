import { describe, expect, it } from 'vitest';
import { StreamGapFill } from './stream-gap-fill';
import { FAKE_MINUTE, FAKE_T0, fakeCandle, fakeStream, settle } from './test-support/fake-stream';

const at = (index: number) => FAKE_T0 + index * FAKE_MINUTE;

describe('StreamGapFill', () => {
  it('answers the sequencer with REST rows one candle beyond the range, after leaving its call', async () => {
    const stream = fakeStream();
    const fill = new StreamGapFill(stream);
    stream.sequencer.onLive(fakeCandle(0, true));
    stream.sequencer.onLive(fakeCandle(3, false));
    expect(stream.log).toEqual(['closed 0 live 100', 'request 1..2']);
    fill.request(at(1), at(2));
    expect(stream.fetches).toEqual([]);
    await settle();
    expect(stream.fetches).toEqual([[1, 3]]);
    expect(stream.log.slice(2)).toEqual(['closed 1 rest 101', 'closed 2 rest 102', 'open 3 live 103']);
  });

  it('reports candles older than the venue keeps once, and serves the rest', async () => {
    const stream = fakeStream({ rest: { historyDepth: 3 } });
    const fill = new StreamGapFill(stream);
    stream.sequencer.onLive(fakeCandle(0, true));
    stream.sequencer.onLive(fakeCandle(10, false));
    fill.request(at(1), at(9));
    await settle();
    // The venue keeps 3 candles back from the newest one seen (10): 8, 9, 10.
    expect(stream.fetches).toEqual([[8, 10]]);
    expect(stream.log).toContain('gap 1..7 older than the 3 candles binance spot keeps over REST');
    expect(stream.log.slice(-3)).toEqual(['closed 8 rest 108', 'closed 9 rest 109', 'open 10 live 110']);
    expect(fill.reportedAlready(at(7))).toBe(true);
    expect(fill.reportedAlready(at(8))).toBe(false);
  });

  it('reports a range REST refuses for good as a gap, and asks nothing once the stream is closed', async () => {
    const stream = fakeStream();
    const fill = new StreamGapFill(stream);
    stream.sequencer.onLive(fakeCandle(0, true));
    stream.sequencer.onLive(fakeCandle(2, false));
    let calls = 0;
    const answer = stream.answer;
    stream.answer = (from, to) => {
      calls += 1;
      if (calls === 1) return Promise.reject(new Error('socket hang up'));
      return answer(from, to);
    };
    fill.request(at(1), at(1));
    await settle();
    // A plain Error is not transient: the range is reported unavailable and the stream goes on.
    expect(stream.log.some((line) => line.startsWith('gap 1..1 REST backfill failed: socket hang up'))).toBe(
      true,
    );
    stream.closedNow = true;
    stream.sequencer.onLive(fakeCandle(5, false));
    fill.request(at(3), at(4));
    await settle();
    expect(calls).toBe(1);
  });
});
