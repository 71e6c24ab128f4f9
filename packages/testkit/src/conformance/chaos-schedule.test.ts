import { describe, expect, it } from 'vitest';
import { DEFAULT_FAULT_KINDS, FAULT_KINDS } from './chaos-config';
import { chaosSchedule, faultEnd, type ScheduleOptions } from './chaos-schedule';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 1);
const streams = [
  { symbol: 'BTC', interval: '1m' as const },
  { symbol: 'ETH', interval: '1m' as const },
  { symbol: 'SOL', interval: '1m' as const },
];
const base: ScheduleOptions = {
  seed: 7,
  kinds: DEFAULT_FAULT_KINDS,
  start: T0 + 3 * MINUTE,
  end: T0 + 120 * MINUTE,
  streams,
  delistStream: streams[2]!,
  stallTimeoutMs: 2 * MINUTE,
  inactivityTimeoutMs: 40_000,
  intervalMs: MINUTE,
};

describe('chaosSchedule', () => {
  it('is deterministic from its seed, and another seed gives another schedule', () => {
    expect(chaosSchedule(base)).toEqual(chaosSchedule(base));
    expect(chaosSchedule({ ...base, seed: 8 })).not.toEqual(chaosSchedule(base));
  });

  it('injects every kind of the set at least once, one delisting of the chosen stream, in time order', () => {
    const events = chaosSchedule(base);
    expect(new Set(events.map((event) => event.kind))).toEqual(new Set(FAULT_KINDS));
    const delists = events.filter((event) => event.kind === 'delist');
    expect(delists).toHaveLength(1);
    expect(delists[0]?.stream).toEqual(streams[2]);
    for (let index = 1; index < events.length; index += 1)
      expect(events[index]!.at).toBeGreaterThan(faultEnd(events[index - 1]!));
    expect(events[0]!.at).toBe(base.start);
  });

  it('sizes silences against the venue rules: a pause below both, a silence past both', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const event of chaosSchedule({ ...base, seed })) {
        if (event.kind === 'pause') expect(event.durationMs).toBeLessThan(40_000);
        if (event.kind === 'silence') expect(event.durationMs).toBeGreaterThan(2 * MINUTE);
        if (event.kind === 'rest-5xx') expect([500, 502, 503, 504]).toContain(event.code);
        if (event.kind === 'rest-429') expect(event.code).toBe(429);
      }
    }
  });

  it('keeps to the kinds asked for', () => {
    const events = chaosSchedule({ ...base, kinds: ['drop', 'pause'] });
    expect(new Set(events.map((event) => event.kind))).toEqual(new Set(['drop', 'pause']));
    expect(events.length).toBeGreaterThan(10);
  });
});
