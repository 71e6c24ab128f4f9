import { type Candle, type InstrumentIndex, isFiniteOhlcv, type MarketType } from '@ohlcv/core';
import { intervalFromBinance } from './binance-interval';
import { contractSizeOf } from './venue-values';

/**
 * The fields of one kline (`k`) as read from a frame, before validation: strings as the venue sent
 * them, numbers NaN where absent or of the wrong type. Filled by the plain parse (from the JSON object)
 * and by the byte-level fast path alike, so both build the candle with the same code.
 */
export interface KlineFields {
  /** `k.s`, else the event's `s`. */
  symbol: unknown;
  /** `k.i`. */
  intervalId: unknown;
  openTime: number;
  closeTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** `k.v`: base volume (spot, USDⓈ-M) or contracts (COIN-M). */
  v: number;
  /** `k.q`: quote volume (spot, USDⓈ-M) or base volume (COIN-M). */
  q: number;
  trades: number;
  closed: unknown;
}

/** A fields record to fill again and again (nothing allocated per frame). */
export function emptyKlineFields(): KlineFields {
  const fields = {} as KlineFields;
  resetKlineFields(fields);
  return fields;
}

export function resetKlineFields(fields: KlineFields): void {
  fields.symbol = undefined;
  fields.intervalId = undefined;
  fields.openTime = Number.NaN;
  fields.closeTime = Number.NaN;
  fields.open = Number.NaN;
  fields.high = Number.NaN;
  fields.low = Number.NaN;
  fields.close = Number.NaN;
  fields.v = Number.NaN;
  fields.q = Number.NaN;
  fields.trades = Number.NaN;
  fields.closed = undefined;
}

/**
 * The candle of a kline's fields, or a message saying what is wrong.
 * Volume is base-asset volume on every market: spot/USDⓈ-M `k.v` (base) and `k.q` (quote); COIN-M
 * `k.v` is contracts and `k.q` base, so volume = `k.q` and quoteVolume (USD) = contracts × contractSize.
 */
export function candleOfKlineFields(
  market: MarketType,
  fields: KlineFields,
  instruments: InstrumentIndex | undefined,
): Candle | string {
  const symbol = fields.symbol;
  if (typeof symbol !== 'string' || symbol.length === 0) return 'kline event without symbol';
  const intervalId = fields.intervalId;
  const interval = typeof intervalId === 'string' ? intervalFromBinance(market, intervalId) : undefined;
  if (interval === undefined) return `kline ${symbol} with unknown interval ${String(intervalId)}`;
  const { openTime, closeTime, open, high, low, close, closed } = fields;
  const coinm = market === 'coinm';
  const volume = coinm ? fields.q : fields.v;
  if (
    Number.isNaN(openTime) ||
    Number.isNaN(closeTime) ||
    !isFiniteOhlcv(open, high, low, close, volume) ||
    typeof closed !== 'boolean'
  ) {
    return `kline ${symbol} ${interval} with missing or invalid fields`;
  }
  const candle: Candle = {
    exchange: 'binance',
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
  if (coinm) {
    const contracts = fields.v;
    const contractSize = contractSizeOf(instruments, symbol);
    if (contractSize !== undefined && Number.isFinite(contracts))
      candle.quoteVolume = contracts * contractSize;
  } else if (Number.isFinite(fields.q)) {
    candle.quoteVolume = fields.q;
  }
  if (!Number.isNaN(fields.trades)) candle.trades = fields.trades;
  return candle;
}
