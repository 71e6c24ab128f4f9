import type { Candle } from '@ohlcv/core';

/**
 * The older Python connector's one-message protocol: `{exchange, contract_type, symbols, limit}` in,
 * `subscribed`, then `quote` messages out, an `error` before a normal close. Field names, shapes and
 * time formats are kept as that connector sent them (../../docs/migrating-from-python.md).
 */

/** A validated subscribe, with the raw values the `subscribed` reply echoes. */
export interface LegacySubscribe {
  exchange: string;
  /** undefined = not sent (or null). */
  contractType: string | undefined;
  symbols: string[];
  limit: number;
  raw: { contract_type: unknown; symbols: unknown; limit: unknown };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A first message in the older protocol: a JSON object without `op` that names an `exchange`. */
export function isLegacySubscribe(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && !('op' in value) && 'exchange' in value;
}

/** Validates a subscribe as that connector did (its texts); `limit` true counts as 1, as in Python. */
export function parseLegacySubscribe(value: Record<string, unknown>): LegacySubscribe | { error: string } {
  const { exchange, contract_type: contractType, symbols, limit } = value;
  if (typeof exchange !== 'string' || exchange.trim() === '')
    return { error: "Field 'exchange' is required and must be a non-empty string" };
  if (!Array.isArray(symbols) || symbols.length === 0)
    return { error: "Field 'symbols' is required and must be a non-empty list" };
  if (!symbols.every((symbol) => typeof symbol === 'string' && symbol.trim() !== ''))
    return { error: 'Each symbol must be a non-empty string' };
  if (
    contractType !== undefined &&
    contractType !== null &&
    (typeof contractType !== 'string' || contractType === '')
  )
    return { error: "Field 'contract_type' must be a non-empty string when provided" };
  const parsedLimit =
    limit === undefined || limit === null ? 0 : typeof limit === 'boolean' ? Number(limit) : limit;
  if (typeof parsedLimit !== 'number' || !Number.isSafeInteger(parsedLimit) || parsedLimit < 0)
    return { error: "Field 'limit' must be a non-negative integer" };
  return {
    exchange,
    contractType: typeof contractType === 'string' ? contractType : undefined,
    symbols: symbols as string[],
    limit: parsedLimit,
    raw: { contract_type: contractType ?? null, symbols, limit: limit ?? 0 },
  };
}

/** `subscribed`: every field echoes the client's input as sent. */
export function legacySubscribedMessage(exchange: string, raw: LegacySubscribe['raw']): string {
  return JSON.stringify({
    type: 'subscribed',
    exchange,
    contract_type: raw.contract_type,
    symbols: raw.symbols,
    limit: raw.limit,
  });
}

export interface LegacyErrorFields {
  exchange?: string;
  /** As the client sent it; left out when not sent. */
  contractType?: string | undefined;
  symbols?: readonly string[];
  /** The venue's or engine's own words; left out when empty. */
  exchangeMessage?: string;
  /** Ours, alongside: the error code and the one symbol the error is about. */
  code?: string;
  symbol?: string;
}

/** `error`: `message` and `system_message` (the same text, as that connector sent), then what is known. */
export function legacyErrorMessage(message: string, fields: LegacyErrorFields = {}): string {
  return JSON.stringify({
    type: 'error',
    message,
    system_message: message,
    ...(fields.exchange === undefined ? {} : { exchange: fields.exchange }),
    ...(fields.contractType === undefined ? {} : { contract_type: fields.contractType }),
    ...(fields.symbols === undefined ? {} : { symbols: fields.symbols }),
    ...(fields.exchangeMessage ? { exchange_message: fields.exchangeMessage } : {}),
    ...(fields.code === undefined ? {} : { code: fields.code }),
    ...(fields.symbol === undefined ? {} : { symbol: fields.symbol }),
  });
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * A UTC time as Python's `datetime` printed it: `2026-12-01T08:23:46.177000+00:00` (`isoformat`, the
 * fraction left out when zero); with `separator` ' ' it is `str()` (that connector's `current_time`).
 */
export function pythonUtcTime(ms: number, separator: 'T' | ' ' = 'T'): string {
  const date = new Date(ms);
  const millis = date.getUTCMilliseconds();
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}${separator}` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` +
    `${millis === 0 ? '' : `.${pad(millis, 3)}000`}+00:00`
  );
}

/**
 * One quote. `symbol` is the venue's symbol and `contract_type` the resolved type (that connector's
 * canonical label); `timestamp` is the candle's open time and `current_time` the send time;
 * `trade_num` is 0 where the venue does not report trade counts; `volume` is in base units.
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
    current_time: pythonUtcTime(now, ' '),
    timestamp: pythonUtcTime(candle.openTime),
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
