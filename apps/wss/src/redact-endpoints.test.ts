import { describe, expect, it } from 'vitest';
import { redactEndpoints } from './redact-endpoints';

describe('redactEndpoints', () => {
  it('masks credentials in endpoint URLs for the start-up log line', () => {
    expect(
      redactEndpoints({ binance: { spot: { ws: 'wss://u:p@h/ws', rest: 'https://h/api?token=t' } } }),
    ).toEqual({ binance: { spot: { ws: 'wss://***:***@h/ws', rest: 'https://h/api?token=***' } } });
  });
});
