import { describe, expect, it } from 'vitest';
import { toyMarketSpec } from './test-support/toy-adapter';
import type { MarketSpec } from './venue-adapter';
import { heartbeatFrame, historyDepthOf, intervalOfVenueId, venueIntervalId } from './venue-spec';

describe('venue spec readers', () => {
  const spec: MarketSpec = {
    ...toyMarketSpec(),
    intervals: { '1m': '1min', '1h': { ws: 'candle1H', rest: '1H' } },
  };

  it('reads an interval id per channel, one string serving both', () => {
    expect(venueIntervalId(spec, '1m', 'ws')).toBe('1min');
    expect(venueIntervalId(spec, '1m', 'rest')).toBe('1min');
    expect(venueIntervalId(spec, '1h', 'ws')).toBe('candle1H');
    expect(venueIntervalId(spec, '1h', 'rest')).toBe('1H');
    expect(venueIntervalId(spec, '1d', 'rest')).toBeUndefined();
    expect(intervalOfVenueId(spec, 'candle1H', 'ws')).toBe('1h');
    expect(intervalOfVenueId(spec, 'candle1H', 'rest')).toBeUndefined();
  });

  it('reads a history depth for every interval or per interval', () => {
    expect(historyDepthOf(spec, '1m')).toBeUndefined();
    expect(historyDepthOf({ ...spec, rest: { ...spec.rest, historyDepth: 5_000 } }, '1m')).toBe(5_000);
    const perInterval = { ...spec, rest: { ...spec.rest, historyDepth: { '1m': 1_440 } } };
    expect(historyDepthOf(perInterval, '1m')).toBe(1_440);
    expect(historyDepthOf(perInterval, '1h')).toBeUndefined();
  });

  it('builds a heartbeat frame from the engine time when the venue stamps it', () => {
    expect(heartbeatFrame({ everyMs: 1, frame: 'ping' }, 5)).toBe('ping');
    expect(heartbeatFrame({ everyMs: 1, frame: (now) => `ping ${now}` }, 5)).toBe('ping 5');
  });
});
