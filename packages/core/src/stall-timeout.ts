import { type Interval, intervalMs } from './interval';
import type { MarketSpec } from './venue-adapter';

/**
 * A stream's stall timeout: the venue market's (or the feed's) `stallTimeoutMs`, and on a venue that
 * pushes an open candle only when it changes (`quietPushes: 'on-change'`) at least one interval plus
 * the close grace — a quiet stream there can be silent for as long as a candle lasts.
 */
export function stallTimeoutFor(
  baseMs: number,
  interval: Interval,
  candles: MarketSpec['candles'],
  closeGraceMs: number,
): number {
  if (candles.quietPushes !== 'on-change') return baseMs;
  return Math.max(baseMs, intervalMs(interval) + closeGraceMs);
}
