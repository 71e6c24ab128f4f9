import { type HttpResponse, type MarketType, VenueHttpError } from '@ohlcv/core';
import { isRecord } from './values';

/** 50011 rate limit; 50001 service unavailable; 50004 endpoint timeout; 50013 systems busy; 50026 system error. */
const RETRYABLE_VENUE_CODES = new Set(['50011', '50001', '50004', '50013', '50026']);
/** Instrument ID doesn't exist. */
const UNKNOWN_INSTRUMENT_CODE = '51001';

/** The `{"code","msg"}` of an OKX body, when it is one. */
function venueErrorOf(body: string): { code: string; message: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  const code = parsed.code;
  if (typeof code !== 'string' && typeof code !== 'number') return undefined;
  return { code: String(code), message: typeof parsed.msg === 'string' ? parsed.msg : '' };
}

function instIdOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('instId') ?? undefined;
  } catch {
    return undefined;
  }
}

function retryAfterMs(headers: HttpResponse['headers']): number | undefined {
  const value = headers['retry-after'];
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? Math.max(0, seconds * 1_000) : undefined;
}

/**
 * Error of an OKX response: any non-2xx, or a 2xx whose envelope `code` is not `"0"` (OKX answers
 * the rate limit 50011 as HTTP 429 or as HTTP 200). Retryable for 429, 5xx and the venue's
 * transient codes; 51001 (unknown instrument) is not, and its message names the instrument.
 */
export function okxHttpError(market: MarketType, response: HttpResponse): VenueHttpError {
  const venue = venueErrorOf(response.body);
  const venueCode = venue !== undefined && venue.code !== '0' ? venue.code : undefined;
  let message: string | undefined;
  if (venueCode === UNKNOWN_INSTRUMENT_CODE) {
    const instId = instIdOf(response.url);
    message = `okx ${market} unknown instrument${instId === undefined ? '' : ` "${instId}"`}: ${venue?.message}`;
  } else if (venue !== undefined && venue.message.length > 0) {
    message = `okx ${market}: ${venue.message}`;
  }
  const status = response.status;
  const retryable =
    status === 429 || status >= 500 || (venueCode !== undefined && RETRYABLE_VENUE_CODES.has(venueCode));
  const retryAfter = retryAfterMs(response.headers);
  return new VenueHttpError({
    url: response.url,
    status,
    body: response.body,
    retryable,
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    ...(venueCode === undefined ? {} : { venueCode }),
    ...(message === undefined ? {} : { message }),
  });
}
