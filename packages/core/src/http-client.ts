import { request } from 'undici';
import { VenueHttpError } from './errors';
import type { HttpClient } from './feed-types';
import type { HttpRequest, HttpResponse } from './venue-adapter';

export interface HttpClientOptions {
  /** Whole-request timeout when the caller gives none. Default 10 s. */
  timeoutMs?: number;
  /** Sent as User-Agent unless the request sets one. */
  userAgent?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** The default transport: undici `request`, a timeout, lower-case response headers. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const userAgent = options.userAgent ?? '@ohlcv/core';
  return {
    async request(httpRequest: HttpRequest, requestOptions = {}): Promise<HttpResponse> {
      const timeout = AbortSignal.timeout(requestOptions.timeoutMs ?? defaultTimeoutMs);
      const signal = requestOptions.signal ? AbortSignal.any([requestOptions.signal, timeout]) : timeout;
      const headers: Record<string, string> = { 'user-agent': userAgent, ...httpRequest.headers };
      const response = await request(httpRequest.url, {
        method: httpRequest.method,
        headers,
        ...(httpRequest.body === undefined ? {} : { body: httpRequest.body }),
        signal,
      });
      const body = await response.body.text();
      return {
        url: httpRequest.url,
        status: response.statusCode,
        headers: lowerCaseHeaders(response.headers),
        body,
      };
    },
  };
}

function lowerCaseHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1_000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Core's error for a non-2xx response when the adapter has no `httpError`: retryable for 429, 418 and 5xx. */
export function defaultHttpError(response: HttpResponse, now: number = Date.now()): VenueHttpError {
  const { status } = response;
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], now);
  return new VenueHttpError({
    url: response.url,
    status,
    body: response.body,
    retryable: status === 429 || status === 418 || status >= 500,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** Whether a status is a success. */
export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}
