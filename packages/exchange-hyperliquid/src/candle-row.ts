import { type Candle, isFiniteOhlcv, type MarketType } from '@ohlcv/core';
import { intervalFromHyperliquid } from './hyperliquid-interval';
import { decimal, integer } from './values';

/**
 * Candle of one venue row `{t,T,s,i,o,c,h,l,v,n}` (WS `data` and REST rows alike), or a message
 * saying what is wrong. Prices and `v` are decimal strings, `t`/`T`/`n` integers; `v` is base units
 * (for `k` perps, units of the 1000-token `k` asset). `closed` is the caller's verdict: the venue
 * sends no flag.
 */
export function candleFromRow(
  market: MarketType,
  row: Record<string, unknown>,
  closed: boolean,
): Candle | string {
  const symbol = row.s;
  if (typeof symbol !== 'string' || symbol.length === 0) return 'candle without coin "s"';
  const interval = intervalFromHyperliquid(row.i);
  if (interval === undefined) return `candle ${symbol} with unknown interval ${JSON.stringify(row.i)}`;
  const openTime = integer(row.t);
  const closeTime = integer(row.T);
  const open = decimal(row.o);
  const high = decimal(row.h);
  const low = decimal(row.l);
  const close = decimal(row.c);
  const volume = decimal(row.v);
  const trades = integer(row.n);
  if (
    Number.isNaN(openTime) ||
    Number.isNaN(closeTime) ||
    closeTime < openTime ||
    !isFiniteOhlcv(open, high, low, close, volume)
  ) {
    return `candle ${symbol} ${interval} with missing or invalid fields`;
  }
  const candle: Candle = {
    exchange: 'hyperliquid',
    market,
    symbol,
    interval,
    openTime,
    closeTime,
    open,
    high,
    low,
    close,
    volume,
    closed,
  };
  if (!Number.isNaN(trades)) candle.trades = trades;
  return candle;
}
