import {
  alignOpenTime,
  type HttpResponse,
  intervalMs,
  type MarketType,
  VenueHttpError,
  venueTimeOf,
} from '@ohlcv/core';
import { intervalFromGate } from './intervals';
import { HISTORY_DEPTH } from './market-specs';
import { isRecord } from './parse-number';

const UNKNOWN_SYMBOL_LABELS = new Set(['INVALID_CURRENCY_PAIR', 'CONTRACT_NOT_FOUND']);

function parameter(url: string, ...names: string[]): string | undefined {
  try {
    const params = new URL(url).searchParams;
    for (const name of names) {
      const value = params.get(name);
      if (value !== null) return value;
    }
  } catch {
    // not a URL: nothing to read
  }
  return undefined;
}

function symbolOf(url: string): string | undefined {
  return parameter(url, 'currency_pair', 'contract');
}

/**
 * "Candlestick too long ago": Gate keeps the last 10,000 candles of an interval. The first one still
 * available, from the venue's clock (`Date` header) and the request's interval, or undefined.
 */
function firstAvailableOpenTime(response: HttpResponse): number | undefined {
  const venueNow = venueTimeOf(response);
  const id = parameter(response.url, 'interval');
  const interval = id === undefined ? undefined : intervalFromGate(id);
  if (venueNow === undefined || interval === undefined) return undefined;
  return alignOpenTime(interval, venueNow) - (HISTORY_DEPTH - 1) * intervalMs(interval);
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
  if (/too long ago/i.test(said)) {
    const first = firstAvailableOpenTime(response);
    const from = Number(parameter(response.url, 'from')) * 1000;
    const asked = Number.isFinite(from) && from > 0 ? ` from ${new Date(from).toISOString()}` : '';
    const available =
      first === undefined ? '' : `; the first available candle opens at ${new Date(first).toISOString()}`;
    return new VenueHttpError({
      ...base,
      retryable: false,
      message: `${subject}: history${asked} is not available — Gate keeps the last ${HISTORY_DEPTH.toLocaleString('en')} candles${available} (venue: ${said})`,
    });
  }
  return new VenueHttpError({ ...base, retryable: false, message: `${subject}: ${said}` });
}
