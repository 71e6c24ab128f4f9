import { describe, expect, it } from 'vitest';
import { buildMarkers, formatAge, healthBanner } from './health-markers';

const MINUTE = 60_000;

describe('buildMarkers', () => {
  it('puts each event on its bar, sorted, styled by kind', () => {
    const bars = [1, 2, 3, 4].map((minute) => minute * MINUTE);
    const markers = buildMarkers(
      [
        { kind: 'recovered', time: 4 * MINUTE + 5_000, text: 'recovered' },
        { kind: 'stalled', time: 2 * MINUTE + 30_000, text: 'stalled' },
        { kind: 'gap', time: 0, text: 'gap' },
      ],
      bars,
    );
    expect(markers.map((marker) => [marker.kind, marker.time])).toEqual([
      ['gap', 60],
      ['stalled', 120],
      ['recovered', 240],
    ]);
    expect(markers[1]).toMatchObject({ position: 'aboveBar', shape: 'arrowDown', text: 'stalled' });
    expect(markers[2]).toMatchObject({ position: 'belowBar', shape: 'arrowUp' });
  });

  it('draws nothing on an empty chart', () => {
    expect(buildMarkers([{ kind: 'stalled', time: 0, text: 'x' }], [])).toEqual([]);
  });
});

describe('healthBanner', () => {
  it('says nothing when all is well, and ranks error over stall over gap', () => {
    const none = { stalled: undefined, gap: undefined, error: undefined };
    expect(healthBanner(none)).toBeUndefined();
    const gap = {
      from: Date.UTC(2026, 0, 1, 10, 1),
      to: Date.UTC(2026, 0, 1, 10, 4),
      reason: 'beyond history',
    };
    expect(healthBanner({ ...none, gap })).toEqual({
      level: 'warning',
      text: 'Gap: candles 10:01–10:04 UTC could not be had (beyond history)',
    });
    expect(healthBanner({ ...none, gap, stalled: { silentMs: 12_400 } })).toMatchObject({
      level: 'error',
      text: expect.stringContaining('sent nothing for 12 s'),
    });
    expect(healthBanner({ ...none, stalled: { silentMs: 1_540 } })?.text).toContain('nothing for 1.5 s');
    expect(
      healthBanner({
        ...none,
        stalled: { silentMs: 1 },
        error: { code: 'circuit_open', message: 'venue down' },
      }),
    ).toEqual({ level: 'error', text: 'Stream ended: venue down (circuit_open)' });
  });
});

describe('formatAge', () => {
  it('reads like a person would say it', () => {
    expect(formatAge(undefined, 0)).toBe('no data yet');
    expect(formatAge(1_000, 1_500)).toBe('just now');
    expect(formatAge(0, 42_000)).toBe('42 s ago');
    expect(formatAge(0, 5 * MINUTE)).toBe('5 min ago');
    expect(formatAge(0, 3 * 3_600_000)).toBe('3 h ago');
  });
});
