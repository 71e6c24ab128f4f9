import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken } from './subject-token';

/** What a NATS server accepts as one subject token and JetStream KV accepts in a key. */
const VALID_TOKEN = /^[-/_=A-Za-z0-9]+$/;

const SYMBOLS = [
  'BTCUSDT',
  'BTC/USDT',
  'PURR/USDC',
  '@107',
  'xyz:XYZ100',
  'BTC-USDT-SWAP',
  'BTC_USDT',
  'BTC/USDT:USDT',
  'BTC-USD-251226',
  '1000PEPEUSDT',
  'a.b*c>d e\tf',
  'ünï©ødé/€',
  '=3A',
  '$SYS',
];

describe('subject tokens', () => {
  it.each(SYMBOLS)('encodes %j into one valid token and decodes it back', (symbol) => {
    const token = encodeToken(symbol);
    expect(token).toMatch(VALID_TOKEN);
    expect(token).not.toMatch(/[.*>\s]/);
    expect(decodeToken(token)).toBe(symbol);
  });

  it('keeps the common venue forms readable', () => {
    expect(encodeToken('BTCUSDT')).toBe('BTCUSDT');
    expect(encodeToken('BTC-USDT-SWAP')).toBe('BTC-USDT-SWAP');
    expect(encodeToken('BTC_USDT')).toBe('BTC_USDT');
    expect(encodeToken('BTC/USDT')).toBe('BTC=2FUSDT');
    expect(encodeToken('xyz:XYZ100')).toBe('xyz=3AXYZ100');
    expect(encodeToken('@107')).toBe('=40107');
  });

  it('gives distinct symbols distinct tokens', () => {
    const tokens = new Set(SYMBOLS.map(encodeToken));
    expect(tokens.size).toBe(SYMBOLS.length);
    expect(encodeToken('=3A')).not.toBe(encodeToken(':'));
  });

  it('refuses an empty symbol and malformed tokens, naming them', () => {
    expect(() => encodeToken('')).toThrow(/empty/);
    expect(() => decodeToken('BTC.USDT')).toThrow(/"BTC\.USDT"/);
    expect(() => decodeToken('BTC=2')).toThrow(/"BTC=2"/);
    expect(() => decodeToken('=FF')).toThrow(/not UTF-8/);
  });
});
