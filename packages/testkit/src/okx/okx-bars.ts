/**
 * OKX bar ids (venue doc §3.0 "Candle channel", §5). WS channel = `candle` + bar. Case-sensitive:
 * minutes lowercase, hours and longer uppercase. The `…utc` bars are aligned to UTC; the plain bars of
 * 6H and longer to UTC+8.
 */
import type { Interval } from '@ohlcv/core';

/** Bars the simulator generates data for (UTC-aligned, matching an interval of the candle generator). */
const SIMULATED_BARS: ReadonlyArray<[string, Interval]> = [
  ['1s', '1s'],
  ['1m', '1m'],
  ['3m', '3m'],
  ['5m', '5m'],
  ['15m', '15m'],
  ['30m', '30m'],
  ['1H', '1h'],
  ['2H', '2h'],
  ['4H', '4h'],
  ['6Hutc', '6h'],
  ['12Hutc', '12h'],
  ['1Dutc', '1d'],
  ['3Dutc', '3d'],
  ['1Wutc', '1w'],
  ['1Mutc', '1M'],
];

/**
 * Bars the venue documents but the simulator has no data for: the UTC+8 ones and the UTC bars of
 * lengths our interval set lacks. Subscribes are acked and stay silent; REST answers an empty page.
 */
const UNSIMULATED_BARS: readonly string[] = [
  '6H',
  '12H',
  '1D',
  '2D',
  '3D',
  '5D',
  '1W',
  '1M',
  '3M',
  '2Dutc',
  '5Dutc',
  '3Mutc',
];

const INTERVAL_OF_BAR = new Map<string, Interval>(SIMULATED_BARS);
const KNOWN_BARS = new Set<string>([...INTERVAL_OF_BAR.keys(), ...UNSIMULATED_BARS]);
const BAR_OF_INTERVAL = new Map<Interval, string>(SIMULATED_BARS.map(([bar, interval]) => [interval, bar]));

/** Whether OKX knows the bar id (`1m`, `1Dutc`, `1D`, …). */
export function isOkxBar(bar: string): boolean {
  return KNOWN_BARS.has(bar);
}

/** The simulated interval of a bar; undefined for bars without simulated data. */
export function intervalOfBar(bar: string): Interval | undefined {
  return INTERVAL_OF_BAR.get(bar);
}

/** The UTC-aligned bar of an interval (undefined for 8h: OKX has none). */
export function barOfInterval(interval: Interval): string | undefined {
  return BAR_OF_INTERVAL.get(interval);
}

/** The bar of a candle channel name (`candle1Dutc` → `1Dutc`), if it is one. */
export function barOfChannel(channel: string): string | undefined {
  if (!channel.startsWith('candle')) return undefined;
  const bar = channel.slice('candle'.length);
  return isOkxBar(bar) ? bar : undefined;
}
