import type { Candle } from '@ohlcv/core';
import type { CandleFormatter } from './candle-formatter';

function time(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z').replace('T', ' ');
}

/** One readable line per candle: time, stream, OHLCV, state (and where a closed candle came from). */
export function candleToPretty(candle: Candle, source: 'live' | 'rest'): string {
  const state = candle.closed ? (source === 'rest' ? 'closed (from REST)' : 'closed') : 'open';
  const stream = `${candle.exchange}:${candle.market}:${candle.symbol}:${candle.interval}`;
  return [
    time(candle.openTime),
    stream.padEnd(30),
    `O ${candle.open}`,
    `H ${candle.high}`,
    `L ${candle.low}`,
    `C ${candle.close}`,
    `V ${candle.volume}`,
    state,
  ].join('  ');
}

export const prettyFormatter: CandleFormatter = {
  header: () => undefined,
  format: candleToPretty,
};
