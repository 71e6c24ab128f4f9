import type { Candle, ExchangeId, MarketType } from './candle';
import type { Interval } from './interval';

/**
 * A candle row as store backends read it: snake_case columns of the candles table. Drivers may give
 * 64-bit integers as strings (pg's BIGINT), hence `number | string`.
 */
export interface StoredCandleRow {
  exchange: string;
  market: string;
  symbol: string;
  interval: string;
  open_time: number | string;
  close_time: number | string;
  open: number | string;
  high: number | string;
  low: number | string;
  close: number | string;
  volume: number | string;
  quote_volume: number | string | null;
  trades: number | string | null;
}

/** The closed candle a stored row holds (the store validated it when it was written). */
export function candleOfStoredRow(row: StoredCandleRow): Candle {
  const candle: Candle = {
    exchange: row.exchange as ExchangeId,
    market: row.market as MarketType,
    symbol: row.symbol,
    interval: row.interval as Interval,
    openTime: Number(row.open_time),
    closeTime: Number(row.close_time),
    open: Number(row.open),
    high: Number(row.high),
    low: Number(row.low),
    close: Number(row.close),
    volume: Number(row.volume),
    closed: true,
  };
  if (row.quote_volume !== null) candle.quoteVolume = Number(row.quote_volume);
  if (row.trades !== null) candle.trades = Number(row.trades);
  return candle;
}

/** A candle's column values in the candles table's order (the inverse of {@link candleOfStoredRow}). */
export type StoredCandleValues = [
  string,
  string,
  string,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number | null,
  number | null,
];

export function storedCandleValues(c: Candle): StoredCandleValues {
  return [
    c.exchange,
    c.market,
    c.symbol,
    c.interval,
    c.openTime,
    c.closeTime,
    c.open,
    c.high,
    c.low,
    c.close,
    c.volume,
    c.quoteVolume ?? null,
    c.trades ?? null,
  ];
}
