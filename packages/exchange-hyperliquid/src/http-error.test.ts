import { describe, expect, it } from 'vitest';
import { hyperliquidHttpError } from './http-error';

const url = 'https://api.hyperliquid.xyz/info';

describe('hyperliquidHttpError', () => {
  it('makes 429 retryable and honours Retry-After', () => {
    const error = hyperliquidHttpError('usdm', {
      url,
      status: 429,
      headers: { 'retry-after': '3' },
      body: 'null',
    });
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 3000 });
    expect(error.message).toContain('rate limit');
  });

  it('makes 422 final and quotes the venue', () => {
    const error = hyperliquidHttpError('spot', {
      url,
      status: 422,
      headers: {},
      body: 'Failed to deserialize the JSON body into the target type',
    });
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Failed to deserialize the JSON body into the target type');
  });

  it('retries 5xx', () => {
    expect(hyperliquidHttpError('usdm', { url, status: 502, headers: {}, body: '' }).retryable).toBe(true);
  });
});
