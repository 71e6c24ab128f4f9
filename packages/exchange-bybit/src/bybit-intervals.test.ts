import { UnsupportedIntervalError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { fromBybitInterval, toBybitInterval } from './bybit-intervals';

describe('bybit intervals', () => {
  it('maps every supported interval both ways', () => {
    const pairs = [
      ['1m', '1'],
      ['3m', '3'],
      ['5m', '5'],
      ['15m', '15'],
      ['30m', '30'],
      ['1h', '60'],
      ['2h', '120'],
      ['4h', '240'],
      ['6h', '360'],
      ['12h', '720'],
      ['1d', 'D'],
      ['1w', 'W'],
      ['1M', 'M'],
    ] as const;
    for (const [interval, id] of pairs) {
      expect(toBybitInterval('spot', interval)).toBe(id);
      expect(fromBybitInterval(id)).toBe(interval);
    }
  });

  it.each(['1s', '8h', '3d'] as const)('rejects %s with UnsupportedIntervalError naming it', (interval) => {
    expect(() => toBybitInterval('usdm', interval)).toThrow(UnsupportedIntervalError);
    expect(() => toBybitInterval('usdm', interval)).toThrow(`"${interval}" on bybit usdm`);
  });

  it('does not know foreign ids', () => {
    expect(fromBybitInterval('1m')).toBeUndefined();
    expect(fromBybitInterval('480')).toBeUndefined();
  });
});
