import type { Candle } from '@ohlcv/core';

const MINUTE = 60_000;
/** 2026-11-01T00:00:00Z */
const T0 = 1_793_491_200_000;

/** The closed 1m candle number `n` of `symbol` (values derived from `n`, so copies compare equal). */
export function closedCandle(n: number, symbol = 'BTC/USDT', extra: Partial<Candle> = {}): Candle {
  const openTime = T0 + n * MINUTE;
  return {
    exchange: 'binance',
    market: 'spot',
    symbol,
    interval: '1m',
    openTime,
    closeTime: openTime + MINUTE - 1,
    open: 100 + n,
    high: 110 + n,
    low: 90 + n,
    close: 105 + n,
    volume: 1_000 + n,
    closed: true,
    ...extra,
  };
}

export function closedRange(from: number, to: number, symbol?: string): Candle[] {
  const candles: Candle[] = [];
  for (let n = from; n <= to; n++) candles.push(closedCandle(n, symbol));
  return candles;
}

export function openCandle(n: number, close: number, symbol?: string): Candle {
  return closedCandle(n, symbol, { close, closed: false });
}

export const keyOf = (symbol = 'BTC/USDT') => `binance:spot:${symbol}:1m`;
