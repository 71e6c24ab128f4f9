import type { Candle } from '@ohlcv/core';

/**
 * The older Python connector's one-message protocol: `{exchange, contract_type, symbols, limit}` in,
 * `subscribed` then `quote` messages out. Field names and shapes are kept as that connector sent them.
 */

export function legacySubscribedMessage(
  exchange: string,
  contractType: string,
  symbols: readonly string[],
  limit: number,
): string {
  return JSON.stringify({ type: 'subscribed', exchange, contract_type: contractType, symbols, limit });
}

export function legacyErrorMessage(message: string, details: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: 'error', message, ...details });
}

/**
 * One quote. `timestamp` is the candle's open time and `current_time` the send time, both ISO 8601
 * UTC; `trade_num` is 0 where the venue does not report trade counts.
 */
export function legacyQuoteMessage(
  candle: Candle,
  exchange: string,
  contractType: string,
  symbol: string,
  now: number,
): string {
  return JSON.stringify({
    type: 'quote',
    current_time: new Date(now).toISOString(),
    timestamp: new Date(candle.openTime).toISOString(),
    exchange,
    symbol,
    contract_type: contractType,
    open: candle.open,
    high: candle.high,
    low: candle.low,
    close: candle.close,
    volume: candle.volume,
    trade_num: candle.trades ?? 0,
    is_closed_candle: candle.closed,
  });
}
