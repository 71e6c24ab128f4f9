import { describe, expect, it } from 'vitest';
import { defaultHttpError, parseRetryAfter } from './http-client';

const response = (status: number, headers: Record<string, string> = {}) => ({
  url: 'http://127.0.0.1/x',
  status,
  headers,
  body: '{"msg":"busy"}',
});

describe('defaultHttpError', () => {
  it('marks 429, 418 and 5xx retryable with the Retry-After wait', () => {
    expect(defaultHttpError(response(429, { 'retry-after': '2' })).retryAfterMs).toBe(2_000);
    expect(defaultHttpError(response(418)).retryable).toBe(true);
    expect(defaultHttpError(response(503)).retryable).toBe(true);
    const badRequest = defaultHttpError(response(400));
    expect(badRequest.retryable).toBe(false);
    expect(badRequest.message).toContain('HTTP 400 from http://127.0.0.1/x');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('1.5', 0)).toBe(1_500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });
});
