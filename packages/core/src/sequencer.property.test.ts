import { describe, expect, it } from 'vitest';
import type { Candle } from './candle';
import { StreamSequencer } from './sequencer';

const T0 = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;
const COUNT = 40;

/** Deterministic PRNG (mulberry32), so a failing seed can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function candle(index: number, closed: boolean, close: number): Candle {
  const openTime = T0 + index * MINUTE;
  const base = { exchange: 'gateio', market: 'usdm', symbol: 'BTC_USDT', interval: '1m' } as const;
  return {
    ...base,
    openTime,
    closeTime: openTime + MINUTE - 1,
    open: 1,
    high: 2,
    low: 0,
    close,
    volume: 1,
    closed,
  };
}
const indexOf = (time: number) => (time - T0) / MINUTE;
/** The final values of candle `index`; updates before it carry smaller closes. */
const finalClose = (index: number) => index * 10 + 9;

type Venue = { closeDetection: 'flag' | 'rollover'; emptyIntervals: 'present' | 'absent' };

/** Frames as the venue sends them, before faults: updates, then (on flag venues) the closed frame. */
function cleanFrames(venue: Venue, exists: (index: number) => boolean, next: () => number): Candle[] {
  const frames: Candle[] = [];
  for (let index = 0; index < COUNT; index++) {
    if (!exists(index)) continue;
    const updates = 1 + Math.floor(next() * 3);
    for (let update = updates - 1; update >= 0; update--) {
      const isFinal = update === 0 && venue.closeDetection === 'rollover';
      frames.push(candle(index, false, isFinal ? finalClose(index) : finalClose(index) - 1 - update));
    }
    if (venue.closeDetection === 'flag') frames.push(candle(index, true, finalClose(index)));
  }
  return frames;
}

/** Skips, duplicates, swaps and replays (as after a reconnect). */
function withFaults(frames: Candle[], next: () => number): Candle[] {
  const result: Candle[] = [];
  for (const frame of frames) {
    const roll = next();
    if (roll < 0.08) continue;
    result.push(frame);
    if (roll < 0.14) result.push(frame);
    else if (roll < 0.22 && result.length >= 2) {
      const last = result.length - 1;
      [result[last - 1], result[last]] = [result[last] as Candle, result[last - 1] as Candle];
    } else if (roll < 0.25) result.push(...result.slice(-1 - Math.floor(next() * 5)));
  }
  return result;
}

function run(seed: number, venue: Venue) {
  const next = random(seed);
  const hasHoles = venue.emptyIntervals === 'absent';
  const missing = new Set<number>();
  if (hasHoles) for (let index = 1; index < COUNT; index++) if (next() < 0.15) missing.add(index);
  const exists = (index: number) => !missing.has(index);
  const frames = withFaults(cleanFrames(venue, exists, next), next);
  frames.push(candle(COUNT, false, 0)); // a clean later candle makes every earlier one owed
  const answerSynchronously = next() < 0.3;

  const closedEmitted: Candle[] = [];
  const gaps: Array<[number, number]> = [];
  const requests: Array<[number, number]> = [];
  const queue: Array<[number, number]> = [];
  const violations: string[] = [];
  let lastClosedTime = Number.NEGATIVE_INFINITY;
  let lastEmitted: Candle | undefined;

  const answer = (from: number, to: number) => {
    if (next() < 0.1) {
      sequencer.onBackfillFailed(from, to, 'HTTP 503');
      return;
    }
    const rows: Candle[] = [];
    for (let index = indexOf(from) - 2; index <= indexOf(to) + 2; index++) {
      if (index < 0 || !exists(index)) continue;
      rows.push(candle(index, true, finalClose(index)));
      if (next() < 0.2) rows.push(candle(index, true, finalClose(index)));
    }
    rows.push(candle(indexOf(to) + 1, false, 0));
    sequencer.onBackfill(from, to, rows);
  };

  const sequencer: StreamSequencer = new StreamSequencer({
    interval: '1m',
    emptyIntervals: venue.emptyIntervals,
    emit(emitted) {
      // Closed candles strictly increase; an open update never belongs to a candle already closed.
      if (emitted.openTime <= lastClosedTime)
        violations.push(`emitted ${indexOf(emitted.openTime)} after a later close`);
      if (emitted.closed) {
        lastClosedTime = emitted.openTime;
        closedEmitted.push(emitted);
      }
      lastEmitted = emitted;
    },
    requestGap(from, to) {
      const previous = requests.at(-1);
      if (previous !== undefined && from <= previous[1])
        violations.push(`request ${from} overlaps ${previous}`);
      if (to < from) violations.push(`empty request ${from}..${to}`);
      requests.push([from, to]);
      if (answerSynchronously) answer(from, to);
      else queue.push([from, to]);
    },
    dropped: () => {},
    gap: (from, to) => gaps.push([from, to]),
  });

  for (const frame of frames) {
    sequencer.onLive(frame);
    if (queue.length > 0 && next() < 0.3) answer(...(queue.shift() as [number, number]));
  }
  while (queue.length > 0) answer(...(queue.shift() as [number, number]));

  const anchor = indexOf((frames[0] as Candle).openTime);
  return { sequencer, closedEmitted, gaps, anchor, exists, violations, lastEmitted };
}

describe('StreamSequencer under random duplicates, reorders and skips', () => {
  const venues: Venue[] = [
    { closeDetection: 'flag', emptyIntervals: 'present' },
    { closeDetection: 'rollover', emptyIntervals: 'absent' },
    { closeDetection: 'rollover', emptyIntervals: 'present' },
  ];
  for (const venue of venues) {
    it(`emits every closed candle from the anchor on exactly once, in order (${venue.closeDetection}, ${venue.emptyIntervals})`, () => {
      for (let seed = 1; seed <= 300; seed++) {
        const { sequencer, closedEmitted, gaps, anchor, exists, violations, lastEmitted } = run(seed, venue);
        expect(violations, `seed ${seed}`).toEqual([]);
        const gapped = new Set<number>();
        for (const [from, to] of gaps)
          for (let time = from; time <= to; time += MINUTE) gapped.add(indexOf(time));
        const emittedIndexes = closedEmitted.map((emitted) => indexOf(emitted.openTime));
        const expected: number[] = [];
        for (let index = anchor; index < COUNT; index++)
          if (exists(index) && !gapped.has(index)) expected.push(index);
        expect(emittedIndexes, `seed ${seed}`).toEqual(expected);
        for (const index of gapped) expect(emittedIndexes, `seed ${seed}`).not.toContain(index);
        // Only closed frames and REST rows close a candle, so values are exact on every venue.
        for (const emitted of closedEmitted)
          expect(emitted.close, `seed ${seed}`).toBe(finalClose(indexOf(emitted.openTime)));
        expect(sequencer.pendingGap, `seed ${seed}`).toBeUndefined();
        expect(sequencer.currentOpen?.openTime, `seed ${seed}`).toBe(T0 + COUNT * MINUTE);
        expect(lastEmitted, `seed ${seed}`).toMatchObject({ openTime: T0 + COUNT * MINUTE, closed: false });
      }
    });
  }
});
