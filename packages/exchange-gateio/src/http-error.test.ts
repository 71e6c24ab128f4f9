import type { HttpResponse } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load-fixture';
import { httpError } from './http-error';

function response(
  status: number,
  fixture: string,
  headers: Record<string, string> = {},
  url?: string,
): HttpResponse {
  return {
    url:
      url ??
      'https://api.gateio.ws/api/v4/spot/candlesticks?currency_pair=BTC_USDTT&interval=1m&from=0&to=60',
    status,
    headers,
    body: fixtureText(fixture),
  };
}

describe('httpError', () => {
  it('429 is retryable and waits until X-Gate-RateLimit-Reset-Timestamp on the venue clock', () => {
    const error = httpError(
      'spot',
      response(429, 'error-too-many-requests.json', {
        date: 'Thu, 01 Jan 2026 00:00:00 GMT',
        'x-gate-ratelimit-reset-timestamp': String(Date.UTC(2026, 0, 1, 0, 0, 7) / 1000),
        'x-gate-ratelimit-limit': '200',
        'x-gate-ratelimit-requests-remain': '0',
      }),
    );
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(7_000);
    expect(error.venueCode).toBe('TOO_MANY_REQUESTS');
  });

  it('unknown pair and unknown contract are final and name the symbol', () => {
    const pair = httpError('spot', response(400, 'error-invalid-currency-pair.json'));
    expect(pair.retryable).toBe(false);
    expect(pair.message).toContain('"BTC_USDTT"');
    expect(pair.venueCode).toBe('INVALID_CURRENCY_PAIR');
    const contract = httpError(
      'usdm',
      response(
        400,
        'error-contract-not-found.json',
        {},
        'https://api.gateio.ws/api/v4/futures/usdt/candlesticks?contract=NOPE_USDT&interval=1m',
      ),
    );
    expect(contract.retryable).toBe(false);
    expect(contract.message).toContain('"NOPE_USDT"');
    expect(contract.message).toContain('CONTRACT_NOT_FOUND');
  });

  it('"Candlestick too long ago" is final with the venue message', () => {
    const error = httpError('spot', response(400, 'error-too-long-ago.json'));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Candlestick too long ago. Maximum 10000 points ago are allowed');
  });

  it('"Candlestick too long ago" names the first available candle, from the venue clock', () => {
    const tooOld = response(400, 'error-too-long-ago.json');
    const error = httpError('spot', {
      ...tooOld,
      url: 'https://api.gateio.ws/api/v4/spot/candlesticks?currency_pair=BTC_USDT&interval=1m&from=1735689600&to=1735749540',
      headers: { date: 'Thu, 01 Jan 2026 00:00:30 GMT' },
    });
    // 10,000 one-minute candles back from the venue's current minute (2026-01-01T00:00Z).
    const first = Date.UTC(2026, 0, 1) - 9_999 * 60_000;
    expect(error.message).toContain(`first available candle opens at ${new Date(first).toISOString()}`);
    expect(error.message).toContain('history from 2025-01-01T00:00:00.000Z is not available');
  });

  it('5xx is retryable; a non-JSON body is quoted', () => {
    const error = httpError('spot', { url: 'https://x/api', status: 502, headers: {}, body: 'Bad Gateway' });
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('Bad Gateway');
  });
});
