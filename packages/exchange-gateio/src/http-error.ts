import { type HttpResponse, type MarketType, VenueHttpError } from '@ohlcv/core';
import { isRecord } from './parse-number';

const UNKNOWN_SYMBOL_LABELS = new Set(['INVALID_CURRENCY_PAIR', 'CONTRACT_NOT_FOUND']);

function symbolOf(url: string): string | undefined {
  try {
    const params = new URL(url).searchParams;
    return params.get('currency_pair') ?? params.get('contract') ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Wait until the window resets: `X-Gate-RateLimit-Reset-Timestamp` (Unix seconds) minus the venue's
 * clock (`Date` header). At least 1 s (both have second precision); undefined when either is missing.
 */
function retryAfterMs(response: HttpResponse): number | undefined {
  const reset = Number(response.headers['x-gate-ratelimit-reset-timestamp']);
  const date = response.headers.date === undefined ? Number.NaN : Date.parse(response.headers.date);
  if (!Number.isFinite(reset) || reset <= 0 || Number.isNaN(date)) return undefined;
  return Math.max(1_000, reset * 1000 - date);
}

/**
 * Gate error bodies are `{"label":"…","message":"…"}` (message optional). 429 and 5xx are
 * retryable; an unknown symbol and "Candlestick too long ago" are not, and say so.
 */
export function httpError(market: MarketType, response: HttpResponse): VenueHttpError {
  let label: string | undefined;
  let venueMessage: string | undefined;
  try {
    const body: unknown = JSON.parse(response.body);
    if (isRecord(body)) {
      if (typeof body.label === 'string') label = body.label;
      if (typeof body.message === 'string') venueMessage = body.message;
    }
  } catch {
    // not JSON: the raw body is reported below
  }
  const symbol = symbolOf(response.url);
  const base = { url: response.url, status: response.status, body: response.body, venueCode: label };
  const said = venueMessage ?? label ?? response.body.slice(0, 300);
  if (response.status === 429) {
    return new VenueHttpError({
      ...base,
      retryable: true,
      retryAfterMs: retryAfterMs(response),
      message: `gateio ${market} rate limit exceeded: ${said}`,
    });
  }
  if (response.status >= 500) {
    return new VenueHttpError({
      ...base,
      retryable: true,
      message: `gateio ${market} server error: ${said}`,
    });
  }
  if (label !== undefined && UNKNOWN_SYMBOL_LABELS.has(label)) {
    return new VenueHttpError({
      ...base,
      retryable: false,
      message: `gateio ${market} does not know symbol "${symbol ?? '?'}": ${said}`,
    });
  }
  const subject = symbol === undefined ? `gateio ${market}` : `gateio ${market} ${symbol}`;
  return new VenueHttpError({ ...base, retryable: false, message: `${subject}: ${said}` });
}
