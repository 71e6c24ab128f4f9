import type { Candle } from './candle';
import { OhlcvError } from './errors';
import { isInterval } from './interval';
import { isExchangeId, isMarketType } from './market';
import { streamKey } from './stream-key';
import { isFiniteOhlcv } from './venue-values';

/**
 * Checks candles before a store writes them: each must be closed, with a known exchange, market and
 * interval, an integer open time and finite values. Throws naming the first offending candle, so a
 * store writes all of a batch or none of it.
 */
export function checkStorableCandles(candles: readonly Candle[]): void {
  for (const candle of candles) {
    const problem = problemOf(candle);
    if (problem !== undefined) {
      throw new OhlcvError(
        `cannot store candle ${describe(candle)}: ${problem}; nothing of this batch was written`,
        { code: 'config' },
      );
    }
  }
}

function problemOf(candle: Candle): string | undefined {
  if (!isExchangeId(candle.exchange)) return `unknown exchange "${String(candle.exchange)}"`;
  if (!isMarketType(candle.market)) return `unknown market "${String(candle.market)}"`;
  if (!isInterval(candle.interval)) return `unknown interval "${String(candle.interval)}"`;
  if (typeof candle.symbol !== 'string' || candle.symbol === '') return 'empty symbol';
  if (candle.closed !== true) return 'it is not closed (stores keep closed candles only)';
  if (!Number.isSafeInteger(candle.openTime) || !Number.isSafeInteger(candle.closeTime))
    return 'openTime/closeTime are not integers (ms since epoch)';
  if (!isFiniteOhlcv(candle.open, candle.high, candle.low, candle.close, candle.volume))
    return 'open, high, low, close and volume must be finite numbers';
  if (candle.quoteVolume !== undefined && !Number.isFinite(candle.quoteVolume))
    return 'quoteVolume is not finite';
  if (candle.trades !== undefined && !Number.isSafeInteger(candle.trades)) return 'trades is not an integer';
  return undefined;
}

function describe(candle: Candle): string {
  try {
    return `${streamKey(candle)}@${new Date(candle.openTime).toISOString()}`;
  } catch {
    return `${streamKey(candle)}@${String(candle.openTime)}`;
  }
}
