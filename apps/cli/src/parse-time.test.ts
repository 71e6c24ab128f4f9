import { describe, expect, it } from 'vitest';
import { parseTime } from './parse-time';

describe('parseTime', () => {
  it('reads epoch milliseconds', () => {
    expect(parseTime('1735689600000')).toBe(Date.UTC(2025, 0, 1));
    expect(parseTime('0')).toBe(0);
  });

  it('reads ISO 8601 dates and times, zone-less as UTC', () => {
    expect(parseTime('2025-01-01')).toBe(Date.UTC(2025, 0, 1));
    expect(parseTime('2025-01-01T12:30')).toBe(Date.UTC(2025, 0, 1, 12, 30));
    expect(parseTime('2025-01-01 12:30:15')).toBe(Date.UTC(2025, 0, 1, 12, 30, 15));
    expect(parseTime('2025-01-01T12:30:15.250Z')).toBe(Date.UTC(2025, 0, 1, 12, 30, 15, 250));
    expect(parseTime('2025-01-01T12:00:00+02:00')).toBe(Date.UTC(2025, 0, 1, 10));
  });

  it('names the value it cannot read', () => {
    for (const bad of ['yesterday', '2025-13-01', '2025-02-30', '12:00', '-5', '1e12', '']) {
      expect(() => parseTime(bad)).toThrowError(`"${bad}" is not a time`);
    }
  });
});
