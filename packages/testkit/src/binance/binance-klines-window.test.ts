import { describe, expect, it } from 'vitest';
import { COINM_MAX_SPAN_MS, klinesWindow } from './binance-klines-window';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 0, 2) + 30_500; // inside the 00:00 minute of Jan 2
const EARLIEST = Date.UTC(2026, 0, 1);
const base = { interval: '1m' as const, now: NOW, earliest: EARLIEST };

describe('klinesWindow spot/usdm', () => {
  const spot = { ...base, market: 'spot' as const };

  it('neither start nor end: the most recent `limit`, ending with the open candle', () => {
    const times = klinesWindow({ ...spot, limit: 3 }) as number[];
    expect(times).toEqual([NOW - 30_500 - 2 * MINUTE, NOW - 30_500 - MINUTE, NOW - 30_500]);
  });

  it('startTime: oldest from the first open time ≥ start', () => {
    const start = EARLIEST + 10 * MINUTE + 1;
    expect(klinesWindow({ ...spot, limit: 2, startTime: start })).toEqual([
      EARLIEST + 11 * MINUTE,
      EARLIEST + 12 * MINUTE,
    ]);
  });

  it('endTime only: the most recent up to end', () => {
    const end = EARLIEST + 10 * MINUTE + 5;
    expect(klinesWindow({ ...spot, limit: 2, endTime: end })).toEqual([
      EARLIEST + 9 * MINUTE,
      EARLIEST + 10 * MINUTE,
    ]);
  });

  it('both: from start, not past end; nothing before earliest nor after now', () => {
    expect(
      klinesWindow({ ...spot, limit: 10, startTime: EARLIEST + MINUTE, endTime: EARLIEST + 3 * MINUTE }),
    ).toEqual([EARLIEST + MINUTE, EARLIEST + 2 * MINUTE, EARLIEST + 3 * MINUTE]);
    expect(klinesWindow({ ...spot, limit: 2, startTime: EARLIEST - 100 * MINUTE })).toEqual([
      EARLIEST,
      EARLIEST + MINUTE,
    ]);
    expect(klinesWindow({ ...spot, limit: 5, startTime: NOW + MINUTE })).toEqual([]);
  });
});

describe('klinesWindow coinm', () => {
  const coinm = { ...base, market: 'coinm' as const, earliest: 0 };

  it('rejects a span over 200 days', () => {
    expect(klinesWindow({ ...coinm, limit: 5, startTime: 0, endTime: COINM_MAX_SPAN_MS + 1 })).toEqual({
      error: 'span',
    });
  });

  it('both: the most recent `limit` rows up to end', () => {
    expect(
      klinesWindow({ ...coinm, limit: 2, startTime: EARLIEST, endTime: EARLIEST + 10 * MINUTE }),
    ).toEqual([EARLIEST + 9 * MINUTE, EARLIEST + 10 * MINUTE]);
  });

  it('start only: end = start + 200 days capped at now, most recent rows of that window', () => {
    const times = klinesWindow({ ...coinm, limit: 2, startTime: EARLIEST }) as number[];
    expect(times.at(-1)).toBe(NOW - 30_500);
  });
});
