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
  const fields = plainRow;
  fields.length = row.length;
  fields.openTime = timestamp(row[0]);
  fields.open = decimal(row[1]);
  fields.high = decimal(row[2]);
  fields.low = decimal(row[3]);
  fields.close = decimal(row[4]);
  fields.volume = decimal(market === 'spot' ? row[5] : row[6]);
  fields.confirm = row.length > 8 ? row[8] : undefined;
  fields.quoteVolume = row.length > 7 ? decimal(row[7]) : market === 'spot' ? decimal(row[6]) : Number.NaN;
  return candleOfRowFields(market, symbol, interval, fields);
}

/**
 * The values of one row, before validation (NaN where missing or invalid): read from the parsed
 * row by {@link candleOfRow}, or straight from a frame's bytes by the fast path, then built by
 * {@link candleOfRowFields} alike.
 */
export interface RowFields {
  /** Elements in the row (7 or 9; 8 has a quote volume and no confirm). */
  length: number;
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Base volume: `vol` (SPOT) or `volCcy` (derivatives). */
  volume: number;
  /** `volCcyQuote`, or SPOT's `volCcy` on a 7-element row; NaN where none. */
  quoteVolume: number;
  /** `confirm` (index 8), if the row has one. */
  confirm: unknown;
}

/** A fields record to fill again and again (nothing allocated per row). */
export function emptyRowFields(): RowFields {
  return {
    length: 0,
    openTime: Number.NaN,
    open: Number.NaN,
    high: Number.NaN,
    low: Number.NaN,
    close: Number.NaN,
    volume: Number.NaN,
    quoteVolume: Number.NaN,
    confirm: undefined,
  };
}

const plainRow = emptyRowFields();

/** The candle of a row's values, or a message saying what is wrong with them. */
export function candleOfRowFields(
  market: MarketType,
  symbol: string,
  interval: Interval,
  fields: RowFields,
): Candle | string {
  const { openTime, open, high, low, close, volume, confirm } = fields;
  if (Number.isNaN(openTime) || !isFiniteOhlcv(open, high, low, close, volume)) {
    return 'candle row with missing or invalid fields';
  }
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
  if (Number.isFinite(fields.quoteVolume)) candle.quoteVolume = fields.quoteVolume;
  return candle;
}
