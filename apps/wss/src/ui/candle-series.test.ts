import { describe, expect, it } from 'vitest';
import { CandleSeries, type ChartCandle, intervalMs } from './candle-series';

const MINUTE = 60_000;

function candle(minute: number, closed: boolean, close = 100 + minute): ChartCandle {
  return { openTime: minute * MINUTE, open: 100, high: 200, low: 50, close, volume: 1, closed };
}

describe('CandleSeries', () => {
  it('moves the open bar, settles it when closed, and appends the next', () => {
    const series = new CandleSeries(MINUTE);
    expect(series.merge(candle(1, false, 101), 'live')).toMatchObject({ kind: 'append' });
    expect(series.merge(candle(1, false, 102), 'live')).toMatchObject({ kind: 'update', historical: false });
    expect(series.merge(candle(1, true, 103), 'live')).toMatchObject({ kind: 'update' });
    expect(series.merge(candle(2, false), 'live')).toMatchObject({ kind: 'append' });
    expect(series.bars.map((bar) => [bar.openTime / MINUTE, bar.close, bar.closed])).toEqual([
      [1, 103, true],
      [2, 102, false],
    ]);
  });

  it('drops repeats of closed candles and late open updates: a re-join adds no duplicate bar', () => {
    const series = new CandleSeries(MINUTE);
    for (let minute = 1; minute <= 5; minute += 1) series.merge(candle(minute, true), 'rest');
    series.merge(candle(6, false), 'live');
    // After a reconnect the server joins with history again: 3..5 repeat, 6 closes, 7 is new.
    expect(series.merge(candle(3, true), 'rest')).toEqual({ kind: 'ignore', reason: 'duplicate' });
    expect(series.merge(candle(5, false), 'live')).toEqual({ kind: 'ignore', reason: 'stale' });
    expect(series.merge(candle(6, true), 'rest')).toMatchObject({ kind: 'update' });
    expect(series.merge(candle(7, true), 'rest')).toMatchObject({ kind: 'append' });
    const times = series.bars.map((bar) => bar.openTime / MINUTE);
    expect(times).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('closes an older open bar in place (historical update)', () => {
    const series = new CandleSeries(MINUTE);
    series.merge(candle(1, false), 'live');
    series.merge(candle(2, false), 'live');
    expect(series.merge(candle(1, true), 'rest')).toMatchObject({ kind: 'update', historical: true });
    expect(series.merge(candle(0, true), 'rest')).toEqual({ kind: 'ignore', reason: 'stale' });
  });

  it('marks REST candles as filled only once the chart has gone live, not the first history', () => {
    const series = new CandleSeries(MINUTE);
    series.merge(candle(1, true), 'rest');
    series.merge(candle(2, true), 'rest');
    series.merge(candle(3, false), 'live');
    series.merge(candle(3, true), 'rest');
    series.merge(candle(4, true), 'rest');
    series.merge(candle(5, false), 'live');
    expect(series.bars.map((bar) => bar.filled)).toEqual([false, false, true, true, false]);
    expect(series.filledCount).toBe(2);
  });

  it('reports closed candles missing between two bars', () => {
    const series = new CandleSeries(MINUTE);
    series.merge(candle(1, true), 'live');
    expect(series.merge(candle(5, true), 'rest')).toEqual({
      kind: 'append',
      bar: expect.objectContaining({ openTime: 5 * MINUTE }),
      missingBefore: { from: 2 * MINUTE, to: 4 * MINUTE },
    });
    // After an open bar nothing is known to be missing (the open bar may have closed unseen).
    const open = new CandleSeries(MINUTE);
    open.merge(candle(1, false), 'live');
    expect(open.merge(candle(5, false), 'live')).not.toHaveProperty('missingBefore');
  });
});

describe('intervalMs', () => {
  it('knows fixed intervals and leaves months out', () => {
    expect(intervalMs('1s')).toBe(1_000);
    expect(intervalMs('15m')).toBe(15 * MINUTE);
    expect(intervalMs('4h')).toBe(4 * 3_600_000);
    expect(intervalMs('1w')).toBe(7 * 86_400_000);
    expect(intervalMs('1M')).toBeUndefined();
  });
});
