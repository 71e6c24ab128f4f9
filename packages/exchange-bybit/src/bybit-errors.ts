import { type HttpResponse, type MarketType, VenueHttpError } from '@ohlcv/core';

/** Bybit lifts its 403 "access too frequent" IP ban after about 10 minutes. */
export const IP_BAN_WAIT_MS = 10 * 60_000;

/** retCodes worth retrying: 10006 "Too many visits!", 10018 IP rate limit, 10000/10016 server-side errors. */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([10000, 10006, 10016, 10018]);
const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([10006, 10018]);

/** The `{retCode, retMsg, result, time}` envelope, as far as it could be read. */
export interface BybitEnvelope {
  retCode: number | undefined;
  retMsg: string;
  result: unknown;
  /** Venue clock of the response (ms), from the envelope `time`, else the `date` header. */
  venueTime: number | undefined;
}

export function readEnvelope(response: HttpResponse): BybitEnvelope | undefined {
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const dateHeader = response.headers.date === undefined ? Number.NaN : Date.parse(response.headers.date);
  return {
    retCode: typeof record.retCode === 'number' ? record.retCode : undefined,
    retMsg: typeof record.retMsg === 'string' ? record.retMsg : '',
    result: record.result,
    venueTime:
      typeof record.time === 'number' ? record.time : Number.isFinite(dateHeader) ? dateHeader : undefined,
  };
}

/**
 * Error for a non-2xx Bybit response. 403 is the IP ban ("access too frequent", ~10 min), 429 the
 * system-level frequency protection, 5xx the venue failing: all retryable. Other statuses are not,
 * unless their body carries a rate-limit retCode.
 */
export function bybitHttpError(market: MarketType, response: HttpResponse): VenueHttpError {
  const envelope = readEnvelope(response);
  const status = response.status;
  const code = envelope?.retCode;
  if (status === 403) {
    return new VenueHttpError({
      url: response.url,
      status,
      body: response.body,
      retryable: true,
      retryAfterMs: Math.max(resetWaitMs(response, envelope) ?? 0, IP_BAN_WAIT_MS),
      venueCode: code === undefined ? undefined : String(code),
      message: `bybit ${market}: IP banned for requesting too often ("${response.body.slice(0, 100)}"); Bybit lifts the ban after about 10 minutes`,
    });
  }
  const rateLimited = status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code));
  const retryable = rateLimited || status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code));
  return new VenueHttpError({
    url: response.url,
    status,
    body: response.body,
    retryable,
    retryAfterMs: rateLimited ? resetWaitMs(response, envelope) : undefined,
    venueCode: code === undefined ? undefined : String(code),
    message: envelope?.retMsg ? `bybit ${market}: ${envelope.retMsg}` : undefined,
  });
}

/**
 * Error for a 2xx response whose envelope says `retCode != 0`. `subject` names what was asked
 * (`symbol "X", interval "5m"`) so a 10001 error names the offending value.
 */
export function envelopeError(
  market: MarketType,
  response: HttpResponse,
  envelope: BybitEnvelope,
  subject: string,
): VenueHttpError {
  const code = envelope.retCode;
  const rateLimited = code !== undefined && RATE_LIMIT_CODES.has(code);
  return new VenueHttpError({
    url: response.url,
    status: response.status,
    body: response.body,
    retryable: code !== undefined && RETRYABLE_CODES.has(code),
    retryAfterMs: rateLimited ? resetWaitMs(response, envelope) : undefined,
    venueCode: code === undefined ? undefined : String(code),
    message: `bybit ${market} refused ${subject}: ${envelope.retMsg || 'no message'} (retCode ${String(code)})`,
  });
}

/** Wait until `X-Bapi-Limit-Reset-Timestamp` (ms) on the venue clock, else `Retry-After` (s). */
function resetWaitMs(response: HttpResponse, envelope: BybitEnvelope | undefined): number | undefined {
  const reset = Number(response.headers['x-bapi-limit-reset-timestamp']);
  const now = envelope?.venueTime ?? dateOf(response);
  if (Number.isFinite(reset) && reset > 0 && now !== undefined) return Math.max(0, reset - now);
  const retryAfter = Number(response.headers['retry-after']);
  if (response.headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return retryAfter * 1_000;
  return undefined;
}

function dateOf(response: HttpResponse): number | undefined {
  const date = response.headers.date === undefined ? Number.NaN : Date.parse(response.headers.date);
  return Number.isFinite(date) ? date : undefined;
}
