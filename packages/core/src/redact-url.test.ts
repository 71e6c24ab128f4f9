import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('masks user info and secret-like query parameters', () => {
    expect(redactUrl('wss://alice:s3cret@example.com/ws')).toBe('wss://***:***@example.com/ws');
    expect(redactUrl('https://token-only@example.com/')).toBe('https://***@example.com/');
    expect(redactUrl('wss://example.com/ws?apiKey=abc&stream=x&signature=def')).toBe(
      'wss://example.com/ws?apiKey=***&stream=x&signature=***',
    );
  });

  it('leaves URLs without credentials untouched, and masks what it cannot parse', () => {
    expect(redactUrl('wss://stream.binance.com:9443/ws')).toBe('wss://stream.binance.com:9443/ws');
    expect(redactUrl('not a url //user:pw@host')).toBe('not a url //***@host');
  });
});
