import { describe, expect, it } from 'vitest';
import type { Candle } from './candle';
import type { Interval } from './interval';
import { type CandleSource, StreamSequencer, type StreamSequencerOptions } from './sequencer';

const T0 = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;

/** Candle number `index` of a 1m stream; `close` tells updates of one candle apart. */
function candle(index: number, closed: boolean, close = 100 + index): Candle {
  const openTime = T0 + index * MINUTE;
  return {
    exchange: 'binance',
    market: 'spot',
    symbol: 'BTCUSDT',
    interval: '1m',
    openTime,
    closeTime: openTime + MINUTE - 1,
    open: 100,
    high: 200,
    low: 50,
    close,
    volume: 1,
    closed,
  };
}
const open = (index: number, close?: number) => candle(index, false, close);
const closed = (index: number, close?: number) => candle(index, true, close);

type Setup = Partial<Pick<StreamSequencerOptions, 'interval' | 'emptyIntervals'>> & {
  /** Turns open times into readable labels in the log. */
  label?: (time: number) => string;
};

/** A sequencer whose callbacks append readable lines to `log`. */
function setup(options: Setup = {}) {
  const label = options.label ?? ((time: number) => String((time - T0) / MINUTE));
  const log: string[] = [];
  const emitted: Array<{ candle: Candle; source: CandleSource }> = [];
  const sequencer = new StreamSequencer({
    interval: options.interval ?? '1m',
    emptyIntervals: options.emptyIntervals ?? 'present',
    emit(candle, source) {
      emitted.push({ candle, source });
      log.push(`${candle.closed ? 'closed' : 'open'} ${label(candle.openTime)} ${source}`);
    },
    requestGap: (from, to) => log.push(`request ${label(from)}..${label(to)}`),
    dropped: (candle, reason) =>
      log.push(`${reason} ${candle.closed ? 'closed' : 'open'} ${label(candle.openTime)}`),
    gap: (from, to, reason) => log.push(`gap ${label(from)}..${label(to)} ${reason}`),
  });
  return { sequencer, log, emitted };
}

const at = (index: number) => T0 + index * MINUTE;

describe('StreamSequencer on a flag venue', () => {
  it('passes an in-order stream through', () => {
    const { sequencer, log } = setup();
    for (const frame of [open(0), open(0), closed(0), open(1), closed(1), open(2)]) sequencer.onLive(frame);
    expect(log).toEqual([
      'open 0 live',
      'open 0 live',
      'closed 0 live',
      'open 1 live',
      'closed 1 live',
      'open 2 live',
    ]);
    expect(sequencer.lastClosedOpenTime).toBe(at(1));
    expect(sequencer.expectedNext()).toBe(at(2));
    expect(sequencer.currentOpen?.openTime).toBe(at(2));
    expect(sequencer.pendingGap).toBeUndefined();
  });

  it('anchors on the first candle: closed candles before it are not owed', () => {
    const { sequencer, log } = setup();
    sequencer.onLive(open(5));
    sequencer.onLive(closed(4));
    sequencer.onLive(closed(5));
    expect(log).toEqual(['open 5 live', 'duplicate closed 4', 'closed 5 live']);
  });

  it('drops a closed candle seen twice and frames replayed after a reconnect', () => {
    const { sequencer, log } = setup();
    for (const frame of [closed(0), closed(0), closed(1), closed(2), closed(1), closed(2), open(3)]) {
      sequencer.onLive(frame);
    }
    expect(log).toEqual([
      'closed 0 live',
      'duplicate closed 0',
      'closed 1 live',
      'closed 2 live',
      'duplicate closed 1',
      'duplicate closed 2',
      'open 3 live',
    ]);
  });

  it('drops open updates older than the current open candle or already closed', () => {
    const { sequencer, log } = setup();
    for (const frame of [closed(0), open(2), open(1), open(0), open(2, 7)]) sequencer.onLive(frame);
    expect(log).toEqual(['closed 0 live', 'request 1..1', 'stale open 1', 'stale open 0']);
    sequencer.onBackfill(at(1), at(1), [closed(1)]);
    expect(log.slice(4)).toEqual(['closed 1 rest', 'open 2 live']);
    expect(sequencer.currentOpen?.close).toBe(7); // the latest update, conflated while the gap was pending
  });

  it('asks once for a jump over 3 candles, holds what follows, then releases it in order', () => {
    const { sequencer, log, emitted } = setup();
    sequencer.onLive(closed(0));
    sequencer.onLive(closed(4));
    expect(sequencer.pendingGap).toEqual({ from: at(1), to: at(3) });
    for (const frame of [open(5), closed(5), open(6, 1), closed(4), open(6, 2), open(5), closed(0)]) {
      sequencer.onLive(frame);
    }
    expect(log).toEqual([
      'closed 0 live',
      'request 1..3',
      'duplicate closed 4',
      'stale open 5',
      'duplicate closed 0',
    ]);
    expect(sequencer.heldCount).toBe(2);

    sequencer.onBackfill(at(1), at(3), [closed(1), closed(2), closed(3)]);
    expect(log.slice(5)).toEqual([
      'closed 1 rest',
      'closed 2 rest',
      'closed 3 rest',
      'closed 4 live',
      'closed 5 live',
      'open 6 live',
    ]);
    expect(emitted.at(-1)?.candle.close).toBe(2);
    const closedTimes = emitted.filter((entry) => entry.candle.closed).map((entry) => entry.candle.openTime);
    expect(closedTimes).toEqual([0, 1, 2, 3, 4, 5].map(at));
    expect(sequencer.pendingGap).toBeUndefined();
    expect(sequencer.heldCount).toBe(0);
  });

  it('treats a new open candle as a missed closed frame and asks REST for it', () => {
    const { sequencer, log } = setup();
    for (const frame of [open(0), open(1), open(1, 9)]) sequencer.onLive(frame);
    expect(log).toEqual(['open 0 live', 'request 0..0']);
    sequencer.onBackfill(at(0), at(0), [closed(0)]);
    expect(log.slice(2)).toEqual(['closed 0 rest', 'open 1 live']);
  });

  it('uses only closed rows in range from a backfill with extra, duplicate and unclosed rows', () => {
    const { sequencer, log } = setup();
    sequencer.onLive(closed(0));
    sequencer.onLive(closed(5));
    const rows = [
      closed(0),
      closed(1),
      closed(1),
      closed(2),
      open(3),
      closed(4),
      closed(5),
      closed(6),
      open(7),
    ];
    expect(sequencer.onBackfill(at(1), at(4), rows)).toBe(true);
    expect(log).toEqual([
      'closed 0 live',
      'request 1..4',
      'closed 1 rest',
      'closed 2 rest',
      'gap 3..3 venue REST has no candle',
      'closed 4 rest',
      'closed 5 live',
    ]);
  });

  it('sorts a backfill that is not ascending', () => {
    const { sequencer, log } = setup();
    sequencer.onLive(closed(0));
    sequencer.onLive(closed(3));
    sequencer.onBackfill(at(1), at(2), [closed(2), closed(1)]);
    expect(log).toEqual(['closed 0 live', 'request 1..2', 'closed 1 rest', 'closed 2 rest', 'closed 3 live']);
  });

  it('reports each contiguous run REST lacks on a venue with empty intervals present', () => {
    const { sequencer, log } = setup();
    sequencer.onLive(closed(0));
    sequencer.onLive(closed(8));
    sequencer.onBackfill(at(1), at(7), [closed(3), closed(5)]);
    expect(log.slice(2)).toEqual([
      'gap 1..2 venue REST has no candle',
      'closed 3 rest',
      'gap 4..4 venue REST has no candle',
      'closed 5 rest',
      'gap 6..7 venue REST has no candle',
      'closed 8 live',
    ]);
    expect(sequencer.lastClosedOpenTime).toBe(at(8));
  });

  it('reports a failed backfill as a gap and goes on', () => {
    const { sequencer, log } = setup();
    sequencer.onLive(closed(0));
    sequencer.onLive(closed(3));
    sequencer.onLive(open(4));
    expect(sequencer.onBackfillFailed(at(1), at(2), 'HTTP 500')).toBe(true);
    expect(log).toEqual([
      'closed 0 live',
      'request 1..2',
      'gap 1..2 HTTP 500',
      'closed 3 live',
      'open 4 live',
    ]);
  });

  it('uses a late live closed candle in the pending range when REST lacks it', () => {
    const { sequencer, log } = setup();
    sequencer.onLive(closed(0));
    sequencer.onLive(open(3));
    sequencer.onLive(closed(2)); // arrives late, inside the requested range
    sequencer.onBackfillFailed(at(1), at(2), 'timeout');
    expect(log).toEqual([
      'closed 0 live',
      'request 1..2',
      'gap 1..1 timeout',
      'closed 2 live',
      'open 3 live',
    ]);
  });

  it('prefers REST over a late live duplicate in the pending range', () => {
    const { sequencer, log } = setup();
    sequencer.onLive(closed(0));
    sequencer.onLive(open(2));
    sequencer.onLive(closed(1));
    sequencer.onBackfill(at(1), at(1), [closed(1)]);
    expect(log).toEqual([
      'closed 0 live',
      'request 1..1',
      'closed 1 rest',
      'duplicate closed 1',
      'open 2 live',
    ]);
  });

  it('ignores an answer for a range that is not pending', () => {
    const { sequencer, log } = setup();
    sequencer.onLive(closed(0));
    sequencer.onLive(closed(3));
    expect(sequencer.onBackfill(at(1), at(5), [closed(1)])).toBe(false);
    expect(sequencer.onBackfillFailed(at(0), at(2), 'x')).toBe(false);
    expect(log).toEqual(['closed 0 live', 'request 1..2']);
    expect(sequencer.pendingGap).toEqual({ from: at(1), to: at(2) });
  });

  it('asks for a second gap found while one is pending only after the first resolves, without overlap', () => {
    const { sequencer, log } = setup();
    sequencer.onLive(closed(0));
    sequencer.onLive(closed(3)); // 1..2 missing
    sequencer.onLive(closed(7)); // 4..6 missing too
    sequencer.onLive(open(9)); // 8 missing too
    expect(log).toEqual(['closed 0 live', 'request 1..2']);
    sequencer.onBackfill(at(1), at(2), [closed(1), closed(2)]);
    expect(log.slice(2)).toEqual(['closed 1 rest', 'closed 2 rest', 'closed 3 live', 'request 4..6']);
    sequencer.onBackfill(at(4), at(6), [closed(4), closed(5), closed(6)]);
    expect(log.slice(6)).toEqual([
      'closed 4 rest',
      'closed 5 rest',
      'closed 6 rest',
      'closed 7 live',
      'request 8..8',
    ]);
    sequencer.onBackfill(at(8), at(8), [closed(8)]);
    expect(log.slice(11)).toEqual(['closed 8 rest', 'open 9 live']);
  });

  it('accepts an answer given synchronously from inside requestGap', () => {
    const log: string[] = [];
    const sequencer: StreamSequencer = new StreamSequencer({
      interval: '1m',
      emptyIntervals: 'present',
      emit: (candle) => log.push(`${candle.closed ? 'closed' : 'open'} ${(candle.openTime - T0) / MINUTE}`),
      requestGap(from, to) {
        const rows: Candle[] = [];
        for (let time = from; time <= to; time += MINUTE) rows.push(closed((time - T0) / MINUTE));
        sequencer.onBackfill(from, to, rows);
      },
      dropped: () => {},
      gap: () => {},
    });
    for (const frame of [closed(0), closed(2), open(5)]) sequencer.onLive(frame);
    expect(log).toEqual(['closed 0', 'closed 1', 'closed 2', 'closed 3', 'closed 4', 'open 5']);
  });

  it('keeps the last closed candles for history', () => {
    const sequencer = new StreamSequencer({
      interval: '1m',
      emptyIntervals: 'present',
      ringSize: 3,
      emit: () => {},
      requestGap: () => {},
      dropped: () => {},
      gap: () => {},
    });
    for (let index = 0; index < 5; index++) sequencer.onLive(closed(index));
    expect(sequencer.recent(10).map((entry) => entry.openTime)).toEqual([2, 3, 4].map(at));
    expect(sequencer.recent(1).map((entry) => entry.openTime)).toEqual([at(4)]);
  });
});

describe('StreamSequencer on a rollover venue (no closed flag)', () => {
  it('never closes a candle from its last open update: a later candle makes it owed, REST supplies it', () => {
    const { sequencer, log, emitted } = setup({ emptyIntervals: 'absent' });
    for (const frame of [open(0, 1), open(0, 2), open(1, 3), open(0, 5), open(1, 4)]) sequencer.onLive(frame);
    // A final push skipped or reordered looks just like a clean rollover: candle 0 is asked for.
    expect(log).toEqual(['open 0 live', 'open 0 live', 'request 0..0', 'stale open 0']);
    sequencer.onBackfill(at(0), at(0), [closed(0, 42), open(1, 3)]);
    expect(log.slice(4)).toEqual(['closed 0 rest', 'open 1 live']);
    expect(emitted[2]?.candle).toMatchObject({ openTime: at(0), close: 42, closed: true });
    expect(emitted[3]?.candle).toMatchObject({ openTime: at(1), close: 4, closed: false });
    sequencer.onLive(open(2));
    expect(log.slice(6)).toEqual(['request 1..1']);
  });

  it('asks REST for skipped intervals and reports nothing when they do not exist (empty intervals absent)', () => {
    const { sequencer, log } = setup({ emptyIntervals: 'absent' });
    sequencer.onLive(open(0));
    sequencer.onLive(open(4));
    expect(log).toEqual(['open 0 live', 'request 0..3']);
    sequencer.onBackfill(at(0), at(3), [closed(0), closed(2)]);
    expect(log.slice(2)).toEqual(['closed 0 rest', 'closed 2 rest', 'open 4 live']);
    expect(sequencer.lastClosedOpenTime).toBe(at(3));
    sequencer.onLive(open(5));
    expect(log.slice(5)).toEqual(['request 4..4']);
  });

  it('asks for the candles that rolled over while a gap was pending in one range after it', () => {
    const { sequencer, log } = setup({ emptyIntervals: 'absent' });
    for (const frame of [open(0), open(2), open(3), open(3, 8), open(4)]) sequencer.onLive(frame);
    expect(log).toEqual(['open 0 live', 'request 0..1']);
    sequencer.onBackfill(at(0), at(1), [closed(0)]);
    expect(log.slice(2)).toEqual(['closed 0 rest', 'request 2..3']);
    sequencer.onBackfill(at(2), at(3), [closed(2), closed(3, 8), open(4)]);
    expect(log.slice(4)).toEqual(['closed 2 rest', 'closed 3 rest', 'open 4 live']);
  });

  it('closes a quiet candle confirmed by REST exactly once', () => {
    const { sequencer, log } = setup({ emptyIntervals: 'absent' });
    sequencer.onLive(open(0));
    sequencer.closeOpenCandle(open(0, 9));
    expect(sequencer.currentOpen).toBeUndefined();
    sequencer.onLive(open(0));
    sequencer.onLive(open(1));
    sequencer.closeOpenCandle(closed(0));
    expect(log).toEqual([
      'open 0 live',
      'closed 0 rest',
      'stale open 0',
      'open 1 live',
      'duplicate closed 0',
    ]);
  });
});

describe('StreamSequencer with calendar months', () => {
  const month = (year: number, monthIndex: number, isClosed: boolean): Candle => {
    const openTime = Date.UTC(year, monthIndex, 1);
    return {
      ...candle(0, isClosed),
      interval: '1M',
      openTime,
      closeTime: Date.UTC(year, monthIndex + 1, 1) - 1,
    };
  };
  const label = (time: number) => new Date(time).toISOString().slice(0, 7);

  it('asks for the missing calendar months and continues after them', () => {
    const interval: Interval = '1M';
    const { sequencer, log } = setup({ interval, label });
    sequencer.onLive(month(2023, 11, true));
    sequencer.onLive(month(2024, 3, true));
    expect(sequencer.pendingGap).toEqual({ from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 2, 1) });
    sequencer.onBackfill(Date.UTC(2024, 0, 1), Date.UTC(2024, 2, 1), [
      month(2024, 0, true),
      month(2024, 1, true),
      month(2024, 2, true),
    ]);
    sequencer.onLive(month(2024, 4, false));
    expect(log).toEqual([
      'closed 2023-12 live',
      'request 2024-01..2024-03',
      'closed 2024-01 rest',
      'closed 2024-02 rest',
      'closed 2024-03 rest',
      'closed 2024-04 live',
      'open 2024-05 live',
    ]);
    expect(sequencer.expectedNext()).toBe(Date.UTC(2024, 4, 1));
  });
});
