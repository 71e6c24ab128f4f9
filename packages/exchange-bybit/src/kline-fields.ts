import type { Candle, MarketType, StreamRef } from '@ohlcv/core';
import { closeTimeOf, isFiniteOhlcv } from '@ohlcv/core';

/**
 * One kline element's values before validation (NaN where missing or invalid): read from the parsed
 * push by parseKlinePush, or straight from a frame's bytes by the fast path, then built by
 * {@link candleOfKlineFields} alike.
 */
export interface KlineFields {
  start: number;
  end: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  turnover: number;
  confirm: unknown;
}

/** A fields record to fill again and again (nothing allocated per element). */
export function emptyKlineFields(): KlineFields {
  const fields = {} as KlineFields;
  resetKlineFields(fields);
  return fields;
}

export function resetKlineFields(fields: KlineFields): void {
  fields.start = Number.NaN;
  fields.end = Number.NaN;
  fields.open = Number.NaN;
  fields.high = Number.NaN;
  fields.low = Number.NaN;
  fields.close = Number.NaN;
  fields.volume = Number.NaN;
  fields.turnover = Number.NaN;
  fields.confirm = undefined;
}

/**
 * The candle of one kline element, or undefined when it is malformed. Volume is base on every
 * market: spot/linear `volume` is base and `turnover` quote; inverse `volume` is USD contracts and
 * `turnover` base, so the two swap there.
 */
export function candleOfKlineFields(
  market: MarketType,
  stream: StreamRef,
  fields: KlineFields,
): Candle | undefined {
  const { start, open, high, low, close, volume, turnover, confirm } = fields;
  if (
    !Number.isFinite(start) ||
    !isFiniteOhlcv(open, high, low, close, volume) ||
    !Number.isFinite(turnover) ||
    typeof confirm !== 'boolean'
  ) {
    return undefined;
  }
  const inverse = market === 'coinm';
  return {
    exchange: 'bybit',
    market,
    symbol: stream.symbol,
    interval: stream.interval,
    openTime: start,
    closeTime: Number.isFinite(fields.end) ? fields.end : closeTimeOf(stream.interval, start),
    open,
    high,
    low,
    close,
    volume: inverse ? turnover : volume,
    quoteVolume: inverse ? volume : turnover,
    closed: confirm,
  };
}
