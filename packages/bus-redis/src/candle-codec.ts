import { type Candle, isExchangeId, isInterval, isMarketType, isRecord } from '@ohlcv/core';

/** One candle as the text a Redis stream entry carries. */
export function encodeCandle(candle: Candle): string {
  return JSON.stringify(candle);
}

function finite(record: Record<string, unknown>, name: string, text: string): number {
  const value = record[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(
      `bus entry has no finite "${name}" (got ${JSON.stringify(value)}): ${text.slice(0, 200)}`,
    );
  }
  return value;
}

/** Parses and checks a stream entry's candle; throws naming what is wrong. */
export function decodeCandle(text: string): Candle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`bus entry is not JSON: ${text.slice(0, 200)}`);
  }
  if (!isRecord(value)) throw new Error(`bus entry is not a candle object: ${text.slice(0, 200)}`);
  const { exchange, market, symbol, interval, closed } = value;
  if (
    !isExchangeId(exchange) ||
    !isMarketType(market) ||
    typeof symbol !== 'string' ||
    !isInterval(interval)
  ) {
    throw new Error(
      `bus entry names no valid stream (exchange, market, symbol, interval): ${text.slice(0, 200)}`,
    );
  }
  if (typeof closed !== 'boolean')
    throw new Error(`bus entry has no boolean "closed": ${text.slice(0, 200)}`);
  const candle: Candle = {
    exchange,
    market,
    symbol,
    interval,
    openTime: finite(value, 'openTime', text),
    closeTime: finite(value, 'closeTime', text),
    open: finite(value, 'open', text),
    high: finite(value, 'high', text),
    low: finite(value, 'low', text),
    close: finite(value, 'close', text),
    volume: finite(value, 'volume', text),
    closed,
  };
  if (value.quoteVolume !== undefined) candle.quoteVolume = finite(value, 'quoteVolume', text);
  if (value.trades !== undefined) candle.trades = finite(value, 'trades', text);
  return candle;
}

/** The candle of a stream entry's field list (`['c', json]`). */
export function entryCandle(fields: readonly string[]): Candle {
  const index = fields.indexOf('c');
  if (index < 0 || index % 2 !== 0 || fields[index + 1] === undefined) {
    throw new Error(`bus entry has no "c" field: ${JSON.stringify(fields).slice(0, 200)}`);
  }
  return decodeCandle(fields[index + 1] as string);
}
