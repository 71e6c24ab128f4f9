import { describe, expect, it } from 'vitest';
import { OhlcvError } from './errors';
import { FAIL_DRAIN_MS, StreamFailDrain } from './stream-fail-drain';
import { FAKE_MINUTE, FAKE_T0, fakeCandle, fakeStream } from './test-support/fake-stream';

const at = (index: number) => FAKE_T0 + index * FAKE_MINUTE;

/** A fake stream with candle 1 missing (its gap pending) and candles 2 and 3 held behind it. */
function drainingStream() {
  const base = fakeStream();
  const stream = Object.assign(base, {
    failNow: (error: OhlcvError) => base.log.push(`failed: ${error.message}`),
  });
  stream.sequencer.onLive(fakeCandle(0, true));
  stream.sequencer.onLive(fakeCandle(2, true));
  stream.sequencer.onLive(fakeCandle(3, true));
  expect(stream.log).toEqual(['closed 0 live 100', 'request 1..1']);
  return stream;
}

const delisted = new OhlcvError('BTCUSDT is no longer listed', { code: 'symbol_rejected' });

describe('StreamFailDrain: a stream failing with a gap fill in flight', () => {
  it('fails only once the fill delivered, after the held candles, in order', () => {
    const stream = drainingStream();
    const drain = new StreamFailDrain(stream, delisted);
    drain.gapSettled(); // an answer that left the gap pending changes nothing
    expect(stream.log.slice(2)).toEqual([]);
    stream.sequencer.onBackfill(at(1), at(1), [fakeCandle(1, true)]);
    drain.gapSettled();
    expect(stream.log.slice(2)).toEqual([
      'closed 1 rest 101',
      'closed 2 live 102',
      'closed 3 live 103',
      'failed: BTCUSDT is no longer listed',
    ]);
    stream.clock.advance(FAIL_DRAIN_MS);
    expect(stream.log).toHaveLength(6); // the bound's timer is gone: no second failure
  });

  it('gives the fill at most FAIL_DRAIN_MS: then the missing range is a gap, the held candles go out, the stream fails', () => {
    const stream = drainingStream();
    new StreamFailDrain(stream, delisted);
    stream.clock.advance(FAIL_DRAIN_MS - 1);
    expect(stream.log.slice(2)).toEqual([]);
    stream.clock.advance(1);
    expect(stream.log.slice(2)).toEqual([
      'gap 1..1 not filled before the stream failed: BTCUSDT is no longer listed',
      'closed 2 live 102',
      'closed 3 live 103',
      'failed: BTCUSDT is no longer listed',
    ]);
  });
});
