import { describe, expect, it } from 'vitest';
import {
  AsciiTextCache,
  decimalOfBytes,
  jsonBooleanAt,
  jsonNumberEnd,
  jsonScalarEnd,
  jsonStringEnd,
  jsonStringValueEnd,
  plainIntegerEnd,
  plainIntegerValue,
} from './json-bytes';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('json-bytes: reading compact JSON values from a frame’s bytes', () => {
  it('reads decimal strings exactly as Number() does, long and odd ones included', () => {
    const cases = ['0.0010', '97123.45000000', '1234567.12345678', '5.', '.5', '00012', '0', '0.0'];
    cases.push(
      '12345678.123456789012',
      `0.${'0'.repeat(25)}1`,
      '1e-7',
      '-1.5',
      '+2',
      ' 3 ',
      '1.2.3',
      '.',
      'x',
    );
    for (let seed = 1; seed < 2_000; seed++) cases.push(`${((seed * 7919) % 100_003) / 10 ** (seed % 12)}`);
    for (const text of cases)
      expect(Object.is(decimalOfBytes(bytes(text), 0, text.length), Number(text))).toBe(true);
    expect(decimalOfBytes(bytes(''), 0, 0)).toBeNaN(); // as parseDecimal: an empty string is no number
  });

  it('ends a string at its closing quote, and declines escapes, control characters and non-ASCII', () => {
    expect(jsonStringEnd(bytes('"BTCUSDT",'), 1)).toBe(8);
    expect(jsonStringEnd(bytes('"BTC\\"USDT"'), 1)).toBe(-1);
    expect(jsonStringEnd(bytes('"BTC\nUSDT"'), 1)).toBe(-1);
    expect(jsonStringEnd(bytes('"BTCŠ"'), 1)).toBe(-1);
    expect(jsonStringEnd(bytes('"open'), 1)).toBe(-1);
    expect(jsonStringValueEnd(bytes('"1m",'), 0)).toBe(3);
    expect(jsonStringValueEnd(bytes('15,'), 0)).toBe(-1);
  });

  it('follows the strict JSON number grammar', () => {
    for (const good of ['0', '-0', '12', '1.5', '-1.5e+3', '2E7'])
      expect(jsonNumberEnd(bytes(`${good},`), 0)).toBe(good.length);
    for (const bad of ['-', '.5', '1.', '1e', '+1', 'x']) expect(jsonNumberEnd(bytes(`${bad},`), 0)).toBe(-1);
    expect(jsonNumberEnd(bytes('012'), 0)).toBe(1); // the caller then finds '1' where ',' or '}' belongs
  });

  it('skips scalars and declines objects and arrays; reads booleans', () => {
    expect(jsonScalarEnd(bytes('"a",'), 0)).toBe(3);
    expect(jsonScalarEnd(bytes('true,'), 0)).toBe(4);
    expect(jsonScalarEnd(bytes('null}'), 0)).toBe(4);
    expect(jsonScalarEnd(bytes('tru,'), 0)).toBe(-1);
    expect(jsonScalarEnd(bytes('{}'), 0)).toBe(-1);
    expect(jsonScalarEnd(bytes('[1]'), 0)).toBe(-1);
    expect([
      jsonBooleanAt(bytes('true'), 0),
      jsonBooleanAt(bytes('false'), 0),
      jsonBooleanAt(bytes('1'), 0),
    ]).toEqual([1, 0, -1]);
  });

  it('reads plain integers of at most 15 digits, without sign or leading zero', () => {
    const frame = bytes('1672515780000,');
    expect(plainIntegerValue(frame, 0, plainIntegerEnd(frame, 0))).toBe(1_672_515_780_000);
    expect(plainIntegerEnd(bytes('0,'), 0)).toBe(1);
    expect(plainIntegerEnd(bytes('-5'), 0)).toBe(-1);
    expect(plainIntegerEnd(bytes('9007199254740993'), 0)).toBe(-1);
  });

  it('decodes the same bytes to the same string once, and new bytes anew', () => {
    const cache = new AsciiTextCache();
    const first = cache.text(bytes('"BTCUSDT"'), 1, 8);
    expect(first).toBe('BTCUSDT');
    expect(cache.text(bytes('"ETHUSDT"'), 1, 8)).toBe('ETHUSDT');
    expect(cache.text(bytes('x"ETHUSDT"'), 2, 9)).toBe('ETHUSDT');
  });
});
