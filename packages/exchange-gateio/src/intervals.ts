import { type Interval, UnsupportedIntervalError } from '@ohlcv/core';

/**
 * Our interval → Gate's id, the same on spot and futures WebSocket channels and REST.
 * Not offered: `1s` (REST-only on spot, no stream), `1w` (Gate's `7d` counts weeks from the Unix
 * epoch, a Thursday; ours start on Monday — the candles would differ), `1M` (`30d` exists on spot
 * REST only, not on the streams), and 3m/2h/6h/12h/3d (Gate has none).
 */
export const GATE_INTERVALS: Readonly<Partial<Record<Interval, string>>> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1h',
  '4h': '4h',
  '8h': '8h',
  '1d': '1d',
};

const FROM_GATE: ReadonlyMap<string, Interval> = new Map(
  (Object.entries(GATE_INTERVALS) as Array<[Interval, string]>).map(([ours, gate]) => [gate, ours]),
);

const SUPPORTED: readonly string[] = Object.keys(GATE_INTERVALS);

/** Gate's id for our interval; throws UnsupportedIntervalError (with why for `1w`) otherwise. */
export function gateInterval(interval: Interval): string {
  const id = GATE_INTERVALS[interval];
  if (id !== undefined) return id;
  const where =
    interval === '1w'
      ? 'gateio (its 7d candles start on Thursdays, counted from the Unix epoch, not on Mondays)'
      : 'gateio';
  throw new UnsupportedIntervalError(interval, SUPPORTED, where);
}

/** Our interval for Gate's id, `undefined` for ids we do not map (`10s`, `7d`, …). */
export function intervalFromGate(id: string): Interval | undefined {
  return FROM_GATE.get(id);
}
