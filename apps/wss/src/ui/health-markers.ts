/**
 * What the chart shows of the feed's health: markers on the time axis for stalled / recovered / gap
 * events and reconnects, the banner text, and the age of the last update. Pure: the chart panel draws it.
 */

type HealthKind = 'stalled' | 'recovered' | 'gap' | 'reconnected';

export interface HealthEvent {
  kind: HealthKind;
  /** Chart time (candle open time, ms) the event belongs to. */
  time: number;
  /** Short label on the marker. */
  text: string;
}

/** A marker as lightweight-charts takes it (time in seconds). */
export interface ChartMarker {
  time: number;
  position: 'aboveBar' | 'belowBar' | 'inBar';
  shape: 'circle' | 'square' | 'arrowUp' | 'arrowDown';
  color: string;
  text: string;
  /** Not drawn: which event it shows (the page's state inspection). */
  kind: HealthKind;
}

const STYLE: Record<HealthKind, Pick<ChartMarker, 'position' | 'shape' | 'color'>> = {
  stalled: { position: 'aboveBar', shape: 'arrowDown', color: '#ff5d5d' },
  recovered: { position: 'belowBar', shape: 'arrowUp', color: '#3ddc97' },
  gap: { position: 'aboveBar', shape: 'square', color: '#ffb02e' },
  reconnected: { position: 'belowBar', shape: 'circle', color: '#5b9cff' },
};

/**
 * Markers for `events`, each on the bar it belongs to (the last bar opening at or before its time; the
 * first bar when it precedes them all), sorted by time as the chart requires. No bars, no markers.
 */
export function buildMarkers(events: readonly HealthEvent[], barTimes: readonly number[]): ChartMarker[] {
  if (barTimes.length === 0) return [];
  const markers = events.map((event) => {
    let time = barTimes[0] as number;
    for (const barTime of barTimes) {
      if (barTime > event.time) break;
      time = barTime;
    }
    return { time: time / 1000, ...STYLE[event.kind], text: event.text, kind: event.kind };
  });
  return markers.sort((a, b) => a.time - b.time);
}

export interface FeedHealth {
  stalled: { silentMs: number } | undefined;
  gap: { from: number; to: number; reason: string } | undefined;
  error: { code: string; message: string } | undefined;
}

function clock(time: number): string {
  return new Date(time).toISOString().slice(11, 16);
}

/** The banner over a chart, or undefined when all is well. The stall outranks a gap; a terminal error both. */
export function healthBanner(health: FeedHealth): { level: 'error' | 'warning'; text: string } | undefined {
  if (health.error)
    return { level: 'error', text: `Stream ended: ${health.error.message} (${health.error.code})` };
  if (health.stalled) {
    const seconds = health.stalled.silentMs / 1000;
    const shown = seconds < 10 ? seconds.toFixed(1) : String(Math.round(seconds));
    return {
      level: 'error',
      text: `Feed stalled: the venue sent nothing for ${shown} s; the server keeps re-subscribing and reconnecting`,
    };
  }
  if (health.gap) {
    const { from, to, reason } = health.gap;
    return {
      level: 'warning',
      text: `Gap: candles ${clock(from)}–${clock(to)} UTC could not be had (${reason || 'no reason given'})`,
    };
  }
  return undefined;
}

/** "just now", "12 s ago", "3 min ago", "2 h ago"; "no data yet" before the first update. */
export function formatAge(lastUpdateAt: number | undefined, now: number): string {
  if (lastUpdateAt === undefined) return 'no data yet';
  const seconds = Math.max(0, Math.floor((now - lastUpdateAt) / 1000));
  if (seconds < 1) return 'just now';
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7_200) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3_600)} h ago`;
}
