import { describe, expect, it } from 'vitest';
import { candleWindows } from './candle-pages';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('candleWindows', () => {
  it('covers [from, to] with windows of at most maxCandles, both ends inclusive, no overlap', () => {
    const windows = candleWindows('1m', 0, 9 * MINUTE, 4);
    expect(windows).toEqual([
      { startTime: 0, endTime: 3 * MINUTE, limit: 4 },
      { startTime: 4 * MINUTE, endTime: 7 * MINUTE, limit: 4 },
      { startTime: 8 * MINUTE, endTime: 9 * MINUTE, limit: 2 },
    ]);
  });

  it('keeps each window within the venue span limit (Binance COIN-M: 200 days)', () => {
    const span = 200 * DAY - 1;
    const windows = candleWindows('1d', 0, 999 * DAY, 1500, span);
    for (const window of windows) {
      expect(window.endTime + DAY - 1 - window.startTime).toBeLessThanOrEqual(span);
    }
    expect(windows[0]).toEqual({ startTime: 0, endTime: 199 * DAY, limit: 200 });
    expect(windows.reduce((sum, window) => sum + window.limit, 0)).toBe(1000);
  });

  it('steps months by the calendar', () => {
    const from = Date.UTC(2026, 0, 1);
    const windows = candleWindows('1M', from, Date.UTC(2026, 11, 1), 5);
    expect(windows.map((window) => window.limit)).toEqual([5, 5, 2]);
    expect(windows[1]?.startTime).toBe(Date.UTC(2026, 5, 1));
  });
});
