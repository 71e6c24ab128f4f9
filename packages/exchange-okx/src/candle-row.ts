import { type Candle, closeTimeOf, type Interval, isFiniteOhlcv, type MarketType } from '@ohlcv/core';
import { decimal, timestamp } from './values';

/**
 * Candle of one OKX row `[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]` (WS push and REST
 * alike), or a message saying what is wrong with it.
 *
 * - `volume` is base currency everywhere: SPOT `vol` (index 5); SWAP/FUTURES `volCcy` (index 6) —
 *   their `vol` counts contracts.
 * - `quoteVolume` is `volCcyQuote` (index 7); on 7-element rows (older format, no `volCcyQuote`)
 *   SPOT falls back to `volCcy` (quote there) and derivatives have none.
 * - `closed` is `confirm === "1"`; a 7-element row has no confirm and is reported open (REST
 *   parsing closes it when a later row exists or the venue's clock is past it).
 * - No trade count exists.
 */
export function candleOfRow(
  market: MarketType,
  symbol: string,
  interval: Interval,
  row: readonly unknown[],
): Candle | string {
  if (row.length < 7) return `candle row of ${row.length} elements (expected 7 or 9)`;
  const openTime = timestamp(row[0]);
  const open = decimal(row[1]);
  const high = decimal(row[2]);
  const low = decimal(row[3]);
  const close = decimal(row[4]);
  const volume = decimal(market === 'spot' ? row[5] : row[6]);
  if (Number.isNaN(openTime) || !isFiniteOhlcv(open, high, low, close, volume)) {
    return 'candle row with missing or invalid fields';
  }
  const confirm = row.length > 8 ? row[8] : undefined;
  if (confirm !== undefined && confirm !== '0' && confirm !== '1')
    return `candle row with confirm ${JSON.stringify(confirm)}`;
  const candle: Candle = {
    exchange: 'okx',
    market,
    symbol,
    interval,
    openTime,
    closeTime: closeTimeOf(interval, openTime),
    open,
    high,
    low,
    close,
    volume,
    closed: confirm === '1',
  };
  const quoteVolume = row.length > 7 ? decimal(row[7]) : market === 'spot' ? decimal(row[6]) : Number.NaN;
  if (Number.isFinite(quoteVolume)) candle.quoteVolume = quoteVolume;
  return candle;
}
