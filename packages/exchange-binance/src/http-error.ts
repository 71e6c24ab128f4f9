import { type HttpResponse, type MarketType, VenueHttpError } from '@ohlcv/core';
import { isRecord } from './venue-values';

/** -1001 internal error, -1003 too many requests, -1007 backend timeout, -1008 server busy. */
const RETRYABLE_VENUE_CODES = new Set(['-1001', '-1003', '-1007', '-1008']);

/** Milliseconds of a `Retry-After` header: seconds (Binance) or an HTTP date relative to the `Date` header. */
export function retryAfterMs(headers: HttpResponse['headers']): number | undefined {
  const value = headers['retry-after'];
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const until = Date.parse(value);
  const now = headers.date === undefined ? Number.NaN : Date.parse(headers.date);
  return Number.isNaN(until) || Number.isNaN(now) ? undefined : Math.max(0, until - now);
}

/**
 * Error of a non-2xx Binance response: `{"code":-1121,"msg":"Invalid symbol."}` → venueCode `-1121`,
 * message `Invalid symbol.`; retryable for 429 (rate limit), 418 (IP ban; wait Retry-After), 5xx and
 * the venue's transient codes.
 */
export function binanceHttpError(market: MarketType, response: HttpResponse): VenueHttpError {
  let venueCode: string | undefined;
  let message: string | undefined;
  try {
    const body: unknown = JSON.parse(response.body);
    if (isRecord(body) && (typeof body.code === 'number' || typeof body.code === 'string')) {
      venueCode = String(body.code);
      if (typeof body.msg === 'string') message = `binance ${market}: ${body.msg}`;
    }
  } catch {
    // Not JSON (a WAF or proxy page): the body itself is the message.
  }
  const status = response.status;
  const retryable =
    status === 429 ||
    status === 418 ||
    status >= 500 ||
    (venueCode !== undefined && RETRYABLE_VENUE_CODES.has(venueCode));
  return new VenueHttpError({
    url: response.url,
    status,
    body: response.body,
    retryable,
    retryAfterMs: retryAfterMs(response.headers),
    venueCode,
    message,
  });
}
