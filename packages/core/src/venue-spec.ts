import type { Interval } from './interval';
import type { MarketSpec } from './venue-adapter';

/** The venue's id for `interval` on `channel`, or `undefined` when the market does not offer it. */
export function venueIntervalId(
  spec: MarketSpec,
  interval: Interval,
  channel: 'ws' | 'rest',
): string | undefined {
  const id = spec.intervals[interval];
  return typeof id === 'string' || id === undefined ? id : id[channel];
}

/** Our interval for the venue's id on `channel`, or `undefined` when none has it. */
export function intervalOfVenueId(
  spec: MarketSpec,
  venueId: string,
  channel: 'ws' | 'rest',
): Interval | undefined {
  for (const interval of Object.keys(spec.intervals) as Interval[]) {
    if (venueIntervalId(spec, interval, channel) === venueId) return interval;
  }
  return undefined;
}

/** How many most recent candles of `interval` the venue keeps over REST; `undefined`: no known limit. */
export function historyDepthOf(spec: MarketSpec, interval: Interval): number | undefined {
  const depth = spec.rest.historyDepth;
  return typeof depth === 'number' || depth === undefined ? depth : depth[interval];
}

/** The app-level ping to send at `now` (ms). */
export function heartbeatFrame(heartbeat: NonNullable<MarketSpec['ws']['heartbeat']>, now: number): string {
  return typeof heartbeat.frame === 'string' ? heartbeat.frame : heartbeat.frame(now);
}
