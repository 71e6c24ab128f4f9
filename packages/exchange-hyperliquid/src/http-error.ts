import { type HttpResponse, type MarketType, VenueHttpError } from '@ohlcv/core';
import { snippet } from './values';

/** Seconds or an HTTP date in `Retry-After`, as ms from `now`; undefined when absent or unreadable. */
function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Error of a non-2xx `/info` response. 429 (weight over 1200 per minute per IP; body `null` or empty)
 * and 5xx are retryable; 422 (`Failed to deserialize the JSON body into the target type`, e.g. a
 * negative startTime) and other 4xx are not, and carry the venue's text.
 */
export function hyperliquidHttpError(market: MarketType, response: HttpResponse): VenueHttpError {
  const status = response.status;
  const body = response.body;
  const text = body.trim();
  let message: string;
  if (status === 429) {
    message = `hyperliquid ${market} rate limit exceeded (1200 weight per minute per IP)${text && text !== 'null' ? `: ${snippet(text)}` : ''}`;
  } else if (status === 422) {
    message = `hyperliquid ${market} refused the request body: ${text ? snippet(text) : '(empty body)'}`;
  } else {
    message = `hyperliquid ${market} HTTP ${status}: ${text ? snippet(text) : '(empty body)'}`;
  }
  const dateHeader = response.headers.date;
  const now = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
  const wait = retryAfterMs(response.headers['retry-after'], Number.isNaN(now) ? 0 : now);
  return new VenueHttpError({
    url: response.url,
    status,
    body,
    retryable: status === 429 || status >= 500,
    message,
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
  });
}
