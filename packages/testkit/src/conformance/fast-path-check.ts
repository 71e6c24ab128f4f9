import type { Candle, InstrumentIndex, MarketType, VenueAdapter } from '@ohlcv/core';
import { expect, it } from 'vitest';
import { prng } from '../sim/candle-generator';

/**
 * Why an adapter's byte-level fast path (`parseCandleFrame`) and its plain `parse` disagree on
 * `frame`, or undefined when they agree: where the fast path yields a candle, `parse` must yield
 * exactly that one candle (same keys in the same order, same values by `Object.is`). A fast path
 * that declines (`undefined`) always agrees.
 */
export function fastPathDisagreement(
  adapter: VenueAdapter,
  market: MarketType,
  frame: Buffer,
  instruments?: InstrumentIndex,
): string | undefined {
  return disagreementWith(
    adapter.parseCandleFrame?.(market, frame, instruments),
    adapter,
    market,
    frame,
    instruments,
  );
}

/** Why `fast` (the fast path's answer on `frame`) is not what `parse` yields, or undefined. */
function disagreementWith(
  fast: Candle | undefined,
  adapter: VenueAdapter,
  market: MarketType,
  frame: Buffer,
  instruments: InstrumentIndex | undefined,
): string | undefined {
  if (fast === undefined) return undefined;
  const events = adapter.parse(market, frame.toString('utf8'), instruments);
  const event = events[0];
  const plain = events.length === 1 && event?.type === 'candle' ? event.candle : undefined;
  if (plain === undefined) return `the fast path yields a candle, parse yields ${JSON.stringify(events)}`;
  const keys = Object.keys(fast);
  if (keys.join() !== Object.keys(plain).join()) return `keys ${keys.join()} vs ${Object.keys(plain).join()}`;
  for (const key of keys as Array<keyof Candle>) {
    if (!Object.is(fast[key], plain[key])) return `${key}: ${String(fast[key])} vs ${String(plain[key])}`;
  }
  return undefined;
}

/**
 * The adapter with its fast path checked against `parse` on every frame the engine reads (the
 * simulator's, faults included): each disagreement is recorded in `disagreements` with the frame.
 * An adapter without a fast path is returned as it is.
 */
export function withCheckedFastPath(adapter: VenueAdapter, disagreements: string[]): VenueAdapter {
  const fastPath = adapter.parseCandleFrame;
  if (fastPath === undefined) return adapter;
  return Object.assign(Object.create(adapter) as VenueAdapter, {
    parseCandleFrame: (market: MarketType, frame: Buffer, instruments?: InstrumentIndex) => {
      const fast = fastPath.call(adapter, market, frame, instruments);
      const problem = disagreementWith(fast, adapter, market, frame, instruments);
      if (problem !== undefined) disagreements.push(`${problem} in ${frame.toString('utf8').slice(0, 300)}`);
      return fast;
    },
  });
}

/**
 * `frame` changed the way a broken proxy, a new venue version or an attacker might change it — a
 * space or newline inserted, an escape or a non-ASCII character in a string, truncated, a byte
 * deleted or flipped, trailing bytes, a byte-order mark — for differential tests of a fast path.
 * `random` in [0, 1) (e.g. testkit's `prng`).
 */
export function mutatedFrame(random: () => number, frame: string): Buffer {
  const at = Math.floor(random() * frame.length);
  const mutations = [
    () => `${frame.slice(0, at)} ${frame.slice(at)}`,
    () => `${frame.slice(0, at)}\n${frame.slice(at)}`,
    () => frame.replace(/"([A-Za-z])/, (_, letter: string) => `"\\u00${letter.charCodeAt(0).toString(16)}`),
    () => frame.replace(/"(\d)/, '"\u00a0$1'),
    () => frame.replace(/([A-Z])"/, 'Š"'),
    () => frame.slice(0, at),
    () => `${frame.slice(0, at)}${frame.slice(at + 1)}`,
    () => `${frame} `,
    () => `${frame}}`,
    () => `\ufeff${frame}`,
    () => frame.replace(':', ' : '),
  ];
  const bytes = Buffer.from((mutations[Math.floor(random() * mutations.length)] as () => string)(), 'utf8');
  if (random() < 0.2) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
  return bytes;
}

/** {@link fastPathDisagreement} over many frames: each disagreement with its frame. */
export function fastPathDisagreements(
  adapter: VenueAdapter,
  market: MarketType,
  frames: readonly Buffer[],
  instruments?: InstrumentIndex,
): string[] {
  const problems: string[] = [];
  for (const frame of frames) {
    const problem = fastPathDisagreement(adapter, market, frame, instruments);
    if (problem !== undefined) problems.push(`${problem} in ${frame.toString('utf8')}`);
  }
  return problems;
}

export interface FastPathDifferentialOptions {
  adapter: VenueAdapter;
  markets: readonly MarketType[];
  /**
   * A frame of the venue's hot kind with random values: in the venue's own shape when `odd` is
   * false (the fast path must take every one), else with shapes, types and values varied.
   */
  frame(random: () => number, market: MarketType, odd: boolean): string;
  instruments?: InstrumentIndex;
  /** Seeds the generator (prng); the three checks use seed, seed + 1, seed + 2. */
  seed: number;
  /** Frames per market in the checks of odd and of mutated frames. @default 6000 */
  frames?: number;
}

/**
 * The differential checks every fast path needs, as vitest tests: on frames of the venue's own
 * shape it takes every one and agrees with `parse`; on odd frames (shapes, types, duplicate and
 * unknown keys) and on mutated ones ({@link mutatedFrame}) it never disagrees — and it does take
 * some odd ones, so they are checked rather than only declined.
 */
export function runFastPathDifferential(options: FastPathDifferentialOptions): void {
  const { adapter, markets, instruments } = options;
  const count = options.frames ?? 6000;
  const generate = (random: () => number, market: MarketType, odd: boolean, total: number) =>
    Array.from({ length: total }, () => Buffer.from(options.frame(random, market, odd)));

  it('takes every frame of the venue’s own shape (generated values), each agreeing with parse', () => {
    const random = prng(options.seed);
    for (const market of markets) {
      const frames = generate(random, market, false, count / 2);
      expect(fastPathDisagreements(adapter, market, frames, instruments)).toEqual([]);
      const declined = frames.filter(
        (frame) => adapter.parseCandleFrame?.(market, frame, instruments) === undefined,
      );
      expect(declined.map((frame) => frame.toString())).toEqual([]);
    }
  });

  it('never disagrees with parse on odd shapes, types, duplicate keys and unknown fields', () => {
    const random = prng(options.seed + 1);
    let taken = 0;
    for (const market of markets) {
      const frames = generate(random, market, true, count);
      expect(fastPathDisagreements(adapter, market, frames, instruments)).toEqual([]);
      taken += frames.filter((frame) => adapter.parseCandleFrame?.(market, frame, instruments)).length;
    }
    expect(taken, 'odd frames the fast path reads (checked, not only declined)').toBeGreaterThan(
      (count * markets.length) / 20,
    );
  });

  it('never disagrees with parse on mutated frames (whitespace, escapes, non-ASCII, truncation, stray bytes)', () => {
    const random = prng(options.seed + 2);
    for (const market of markets) {
      const frames = Array.from({ length: count }, () =>
        mutatedFrame(random, options.frame(random, market, random() < 0.3)),
      );
      expect(fastPathDisagreements(adapter, market, frames, instruments)).toEqual([]);
    }
  });
}
