import { describe, expect, it } from 'vitest';
import { response } from './__fixtures__/load-fixture';
import { bybitHttpError, IP_BAN_WAIT_MS } from './bybit-errors';

describe('bybitHttpError', () => {
  it('treats 403 "access too frequent" as a retryable IP ban with a long wait', () => {
    const error = bybitHttpError('spot', response('access too frequent', 403));
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(IP_BAN_WAIT_MS);
    expect(error.message).toContain('10 minutes');
  });

  it('treats 429 as retryable, waiting until X-Bapi-Limit-Reset-Timestamp on the venue clock', () => {
    const error = bybitHttpError(
      'usdm',
      response('', 429, {
        date: 'Thu, 01 Jan 2026 00:00:00 GMT',
        'x-bapi-limit-reset-timestamp': String(Date.UTC(2026, 0, 1, 0, 0, 3)),
      }),
    );
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(3_000);
  });

  it('uses Retry-After when there is no reset header', () => {
    expect(bybitHttpError('usdm', response('', 429, { 'retry-after': '2' })).retryAfterMs).toBe(2_000);
  });

  it('retries 5xx but not 400 with 10001', () => {
    expect(bybitHttpError('coinm', response('bad gateway', 502)).retryable).toBe(true);
    const error = bybitHttpError('coinm', response('{"retCode":10001,"retMsg":"Invalid period!"}', 400));
    expect(error.retryable).toBe(false);
    expect(error.venueCode).toBe('10001');
    expect(error.message).toContain('Invalid period!');
  });
});
