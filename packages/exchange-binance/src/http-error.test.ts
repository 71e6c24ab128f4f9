import type { HttpResponse } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from './__fixtures__/read-fixture';
import { binanceHttpError, retryAfterMs } from './http-error';

function response(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { url: 'https://fapi.binance.com/fapi/v1/klines?symbol=NOPE', status, headers, body };
}

describe('binanceHttpError', () => {
  it.each([
    ['error-invalid-symbol.json', '-1121', 'Invalid symbol.'],
    ['error-invalid-interval.json', '-1120', 'Invalid interval.'],
    ['error-invalid-limit.json', '-1130', "Data sent for parameter 'limit' is not valid."],
  ])('maps %s to a non-retryable error with the venue code and message', (fixture, code, message) => {
    const error = binanceHttpError('usdm', response(400, readFixture(fixture)));
    expect(error.venueCode).toBe(code);
    expect(error.message).toContain(message);
    expect(error.message).toContain('HTTP 400');
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(400);
  });

  it('retries 429 after Retry-After seconds', () => {
    const body =
      '{"code":-1003,"msg":"Too much request weight used; current limit is 2400 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API."}';
    const error = binanceHttpError('usdm', response(429, body, { 'retry-after': '7' }));
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(7_000);
    expect(error.venueCode).toBe('-1003');
  });

  it('treats a 418 ban and 5xx as retryable', () => {
    expect(
      binanceHttpError(
        'spot',
        response(
          418,
          '{"code":-1003,"msg":"Way too much request weight used; IP banned until 1700000000000."}',
          { 'retry-after': '120' },
        ),
      ),
    ).toMatchObject({
      retryable: true,
      retryAfterMs: 120_000,
    });
    const gateway = binanceHttpError('spot', response(502, '<html>Bad Gateway</html>'));
    expect(gateway.retryable).toBe(true);
    expect(gateway.venueCode).toBeUndefined();
    expect(gateway.message).toContain('Bad Gateway');
  });

  it('does not retry a WAF 403', () => {
    expect(binanceHttpError('spot', response(403, '')).retryable).toBe(false);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds, an HTTP date against the Date header, or nothing', () => {
    expect(retryAfterMs({ 'retry-after': '0' })).toBe(0);
    expect(
      retryAfterMs({ 'retry-after': 'Wed, 21 Oct 2026 07:28:30 GMT', date: 'Wed, 21 Oct 2026 07:28:00 GMT' }),
    ).toBe(30_000);
    expect(retryAfterMs({})).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
  });
});
