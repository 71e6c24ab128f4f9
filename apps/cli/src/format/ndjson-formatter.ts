import type { Candle } from '@ohlcv/core';
import type { CandleFormatter } from './candle-formatter';

/** Exactly the fields of the Candle type, in its order; optional fields only when the venue gave them. */
export function candleToJson(candle: Candle): string {
  return JSON.stringify({
    exchange: candle.exchange,
    market: candle.market,
    symbol: candle.symbol,
    interval: candle.interval,
    openTime: candle.openTime,
    closeTime: candle.closeTime,
    open: candle.open,
    high: candle.high,
    low: candle.low,
    close: candle.close,
    volume: candle.volume,
    ...(candle.quoteVolume === undefined ? {} : { quoteVolume: candle.quoteVolume }),
    ...(candle.trades === undefined ? {} : { trades: candle.trades }),
    closed: candle.closed,
  });
}

export const ndjsonFormatter: CandleFormatter = {
  header: () => undefined,
  format: (candle) => candleToJson(candle),
};
