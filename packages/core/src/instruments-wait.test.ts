import { describe, expect, it } from 'vitest';
import { VenueHttpError } from './errors';
import type { InstrumentCache } from './instruments';
import { waitForInstruments } from './instruments-wait';
import { settle } from './test-support/fake-stream';
import { ManualClock } from './test-support/manual-clock';
import type { InstrumentIndex } from './venue-adapter';

const INDEX: InstrumentIndex = new Map();
const unavailable = () =>
  new VenueHttpError({ url: 'http://venue/symbols', status: 503, body: 'down', retryable: true });

function setUp(failures: Array<() => Error>) {
  const clock = new ManualClock();
  let calls = 0;
  const cache = {
    get: () => {
      calls += 1;
      const failure = failures.shift();
      return failure ? Promise.reject(failure()) : Promise.resolve(INDEX);
    },
  } as unknown as InstrumentCache;
  let gaveUp = false;
  const warnings: string[] = [];
  const result = waitForInstruments({
    cache,
    context: {
      clock,
      observer: { error: (info) => warnings.push(info.during ?? '') },
      signal: new AbortController().signal,
      backoff: { initialMs: 1_000, maxMs: 1_000 },
      random: () => 0.5,
    },
    exchange: 'binance',
    market: 'spot',
    circuitRetryAt: () => undefined,
    gaveUp: () => gaveUp,
  });
  return { clock, result, calls: () => calls, warnings, giveUp: () => (gaveUp = true) };
}

describe('waitForInstruments', () => {
  it('asks again after a transient failure until the list comes', async () => {
    const { clock, result, calls, warnings } = setUp([unavailable, unavailable]);
    for (let step = 0; step < 5 && calls() < 3; step++) {
      await settle();
      clock.advance(2_000);
    }
    await expect(result).resolves.toBe(INDEX);
    expect(calls()).toBe(3);
    expect(warnings).toEqual([
      'instrument list unavailable; asking again',
      'instrument list unavailable; asking again',
    ]);
  });

  it('throws a refusal that is not transient, and stops when the subscriber gave up', async () => {
    const refused = setUp([() => new Error('bad listing')]);
    await expect(refused.result).rejects.toThrow('bad listing');
    const left = setUp([unavailable]);
    await settle();
    left.giveUp();
    left.clock.advance(5_000);
    await expect(left.result).resolves.toBeUndefined();
    expect(left.calls()).toBe(1);
  });
});
