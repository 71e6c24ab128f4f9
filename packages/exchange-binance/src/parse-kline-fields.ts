import { type Candle, type InstrumentIndex, isFiniteOhlcv, type MarketType } from '@ohlcv/core';
import { intervalFromBinance } from './binance-interval';
import { contractSizeOf, decimal, integer } from './venue-values';

/**
 * Candle of a kline's fields (`k.s`, `k.i`, `k.t`, `k.T`, `k.o`, `k.h`, `k.l`, `k.c`, `k.v`, `k.q`,
 * `k.n`, `k.x`, as parsed JSON values), or a message saying what is wrong. Shared by the plain parse
 * and the fast path, so both build the same candle. Volume is base-asset volume on every market:
 * spot/USDⓈ-M `k.v` (base) and `k.q` (quote); COIN-M `k.v` is contracts and `k.q` base, so
 * volume = `k.q` and quoteVolume (USD) = contracts × contractSize.
 */
export function klineFromFields(
  market: MarketType,
  symbol: unknown,
  intervalId: unknown,
  openTimeValue: unknown,
  closeTimeValue: unknown,
  openValue: unknown,
  highValue: unknown,
  lowValue: unknown,
  closeValue: unknown,
  volumeValue: unknown,
  quoteValue: unknown,
  tradesValue: unknown,
  closed: unknown,
  instruments: InstrumentIndex | undefined,
): Candle | string {
  if (typeof symbol !== 'string' || symbol.length === 0) return 'kline event without symbol';
  const interval = typeof intervalId === 'string' ? intervalFromBinance(market, intervalId) : undefined;
  if (interval === undefined) return `kline ${symbol} with unknown interval ${String(intervalId)}`;
  const openTime = integer(openTimeValue);
  const closeTime = integer(closeTimeValue);
  const open = decimal(openValue);
  const high = decimal(highValue);
  const low = decimal(lowValue);
  const close = decimal(closeValue);
  const coinm = market === 'coinm';
  const contracts = coinm ? decimal(volumeValue) : Number.NaN;
  const volume = coinm ? decimal(quoteValue) : decimal(volumeValue);
  const quoteVolume = coinm ? Number.NaN : decimal(quoteValue);
  const trades = integer(tradesValue);
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
    const contractSize = contractSizeOf(instruments, symbol);
    if (contractSize !== undefined && Number.isFinite(contracts))
      candle.quoteVolume = contracts * contractSize;
  } else if (Number.isFinite(quoteVolume)) {
    candle.quoteVolume = quoteVolume;
  }
  if (!Number.isNaN(trades)) candle.trades = trades;
  return candle;
}
