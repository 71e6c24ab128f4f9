import type { Candle, InstrumentIndex, MarketType } from '@ohlcv/core';
import { candleOfKlineFields, emptyKlineFields, type KlineFields, resetKlineFields } from './kline-fields';

/*
 * The fast path for Binance's hottest frame: a kline update, read straight from the frame's bytes
 * without decoding the frame into a string or building its JSON object tree. It accepts only the
 * compact form Binance sends — `{"stream":"…","data":{…}}` or the bare event, no whitespace, strings
 * of printable ASCII without escapes, kline values of the documented types — and declines
 * (`undefined`) at the first byte it is not sure of: the engine then runs the plain parse, which also
 * reports what is wrong with a bad frame. Where it yields a candle, it is the plain parse's candle
 * (kline-frame-bytes.test.ts checks this on generated, mutated and recorded frames).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const DOT = 0x2e;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DIGIT_0 = 0x30;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const LOWER_F = 0x66;
const LOWER_N = 0x6e;
const LOWER_T = 0x74;
/** Not a byte: the key is longer than one character. */
const LONG_KEY = -1;

const COMBINED_HEAD = Buffer.from('{"stream":"');
const DATA_KEY = Buffer.from(',"data":');
const KLINE = Buffer.from('kline');
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

/** Powers of ten a double holds exactly: a decimal of at most 15 digits divided by one is correctly rounded. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);
const MAX_EXACT_DIGITS = 15;

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= DIGIT_0 && byte <= DIGIT_0 + 9;
}

function matches(frame: Buffer, at: number, bytes: Buffer): boolean {
  if (at + bytes.length > frame.length) return false;
  for (let index = 0; index < bytes.length; index++) if (frame[at + index] !== bytes[index]) return false;
  return true;
}

/** Index of the closing quote of the string whose first character is at `start`; -1 for an escape or a byte outside printable ASCII. */
function stringEnd(frame: Buffer, start: number): number {
  for (let index = start; index < frame.length; index++) {
    const byte = frame[index] as number;
    if (byte === QUOTE) return index;
    if (byte === BACKSLASH || byte < 0x20 || byte > 0x7e) return -1;
  }
  return -1;
}

/** End of a JSON number starting at `at` (strict grammar), or -1. */
function numberEnd(frame: Buffer, at: number): number {
  let index = at;
  if (frame[index] === MINUS) index++;
  if (frame[index] === DIGIT_0) index++;
  else if (isDigit(frame[index])) while (isDigit(frame[index])) index++;
  else return -1;
  if (frame[index] === DOT) {
    index++;
    if (!isDigit(frame[index])) return -1;
    while (isDigit(frame[index])) index++;
  }
  if (frame[index] === LOWER_E || frame[index] === UPPER_E) {
    index++;
    if (frame[index] === PLUS || frame[index] === MINUS) index++;
    if (!isDigit(frame[index])) return -1;
    while (isDigit(frame[index])) index++;
  }
  return index;
}

/** End of a value this reader does not keep: a string, number, true, false or null (objects and arrays decline). */
function skipValue(frame: Buffer, at: number): number {
  const byte = frame[at];
  if (byte === QUOTE) {
    const end = stringEnd(frame, at + 1);
    return end < 0 ? -1 : end + 1;
  }
  if (byte === LOWER_T) return matches(frame, at, TRUE) ? at + TRUE.length : -1;
  if (byte === LOWER_F) return matches(frame, at, FALSE) ? at + FALSE.length : -1;
  if (byte === LOWER_N) return matches(frame, at, NULL) ? at + NULL.length : -1;
  return numberEnd(frame, at);
}

/** End of a non-negative integer of at most 15 digits without a leading zero (a timestamp or a count), or -1. */
function integerEnd(frame: Buffer, at: number): number {
  let index = at;
  if (frame[index] === DIGIT_0) index++;
  else while (isDigit(frame[index])) index++;
  return index === at || index - at > MAX_EXACT_DIGITS ? -1 : index;
}

function integerValue(frame: Buffer, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) value = value * 10 + ((frame[index] as number) - DIGIT_0);
  return value;
}

/**
 * `Number(text)` of the string `frame[start, end)` (printable ASCII, no escapes), as the plain parse
 * computes it: a plain decimal of at most 15 significant digits is its integer digits divided by a
 * power of ten — both exact doubles, so the one division is correctly rounded — anything else goes
 * through `Number`. An empty string is NaN (as `parseDecimal` has it).
 */
function decimalValue(frame: Buffer, start: number, end: number): number {
  if (start === end) return Number.NaN;
  let digits = 0;
  let significant = 0;
  let fraction = -1;
  for (let index = start; index < end; index++) {
    const byte = frame[index] as number;
    if (byte === DOT && fraction < 0) {
      fraction = 0;
      continue;
    }
    const digit = byte - DIGIT_0;
    if (digit < 0 || digit > 9) return Number(frame.toString('latin1', start, end));
    digits = digits * 10 + digit;
    if (digits !== 0) significant++;
    if (fraction >= 0) fraction++;
  }
  const wholeDigits = end - start - (fraction < 0 ? 0 : 1);
  if (wholeDigits === 0 || significant > MAX_EXACT_DIGITS || fraction >= EXACT_POWERS_OF_TEN.length) {
    return Number(frame.toString('latin1', start, end));
  }
  return fraction > 0 ? digits / (EXACT_POWERS_OF_TEN[fraction] as number) : digits;
}

/** The last text decoded for one key, reused while the venue sends the same bytes (a stream's symbol and interval). */
interface TextCache {
  bytes: Buffer;
  text: string;
}

const symbolCache: TextCache = { bytes: Buffer.alloc(0), text: '' };
const intervalCache: TextCache = { bytes: Buffer.alloc(0), text: '' };

/** The string `frame[start, end)` (printable ASCII): the cached one when the bytes are the same. */
function cachedText(frame: Buffer, start: number, end: number, cache: TextCache): string {
  const cached = cache.bytes;
  const length = end - start;
  if (cached.length === length) {
    let index = 0;
    while (index < length && cached[index] === frame[start + index]) index++;
    if (index === length) return cache.text;
  }
  cache.bytes = Buffer.from(frame.subarray(start, end));
  cache.text = frame.toString('latin1', start, end);
  return cache.text;
}

/** Reads the kline object at `at` (its `{`) into `fields`; returns the index after its `}`, or -1. */
function readKline(frame: Buffer, at: number, fields: KlineFields): number {
  resetKlineFields(fields); // a later "k" replaces an earlier one, as in JSON.parse
  let index = at + 1;
  if (frame[index] === CLOSE_BRACE) return index + 1;
  for (;;) {
    if (frame[index] !== QUOTE) return -1;
    const keyEnd = stringEnd(frame, index + 1);
    if (keyEnd < 0 || frame[keyEnd + 1] !== COLON) return -1;
    const key = keyEnd === index + 2 ? (frame[index + 1] as number) : LONG_KEY;
    index = keyEnd + 2;
    index = readKlineValue(frame, index, key, fields);
    if (index < 0) return -1;
    const next = frame[index];
    if (next === CLOSE_BRACE) return index + 1;
    if (next !== COMMA) return -1;
    index++;
  }
}

/** One kline value of key `key` at `at` into `fields`; returns its end, or -1 where the value is not of the type the fast path reads. */
function readKlineValue(frame: Buffer, at: number, key: number, fields: KlineFields): number {
  switch (key) {
    case 0x74 /* t */:
    case 0x54 /* T */:
    case 0x6e /* n */:
      {
        const end = integerEnd(frame, at);
        if (end < 0) return -1;
        const value = integerValue(frame, at, end);
        if (key === 0x74) fields.openTime = value;
        else if (key === 0x54) fields.closeTime = value;
        else fields.trades = value;
        return end;
      }
    case 0x6f /* o */:
    case 0x68 /* h */:
    case 0x6c /* l */:
    case 0x63 /* c */:
    case 0x76 /* v */:
    case 0x71 /* q */:
      {
        if (frame[at] !== QUOTE) return -1;
        const end = stringEnd(frame, at + 1);
        if (end < 0) return -1;
        const value = decimalValue(frame, at + 1, end);
        if (key === 0x6f) fields.open = value;
        else if (key === 0x68) fields.high = value;
        else if (key === 0x6c) fields.low = value;
        else if (key === 0x63) fields.close = value;
        else if (key === 0x76) fields.v = value;
        else fields.q = value;
        return end + 1;
      }
    case 0x73 /* s */:
    case 0x69 /* i */:
      {
        if (frame[at] !== QUOTE) return -1;
        const end = stringEnd(frame, at + 1);
        if (end < 0) return -1;
        if (key === 0x73) fields.symbol = cachedText(frame, at + 1, end, symbolCache);
        else fields.intervalId = cachedText(frame, at + 1, end, intervalCache);
        return end + 1;
      }
    case 0x78 /* x */:
      if (matches(frame, at, TRUE)) {
        fields.closed = true;
        return at + TRUE.length;
      }
      if (matches(frame, at, FALSE)) {
        fields.closed = false;
        return at + FALSE.length;
      }
      return -1;
    default:
      return frame[at] === OPEN_BRACE ? -1 : skipValue(frame, at);
  }
}

/** Reads the kline event object at `at` (its `{`); returns the index after its `}`, or -1 when it is not a kline event the fast path reads. */
function readEvent(frame: Buffer, at: number, fields: KlineFields): number {
  if (frame[at] !== OPEN_BRACE) return -1;
  let index = at + 1;
  let isKline = false;
  let sawKline = false;
  // Where the event's own `s` is (decoded only when the kline has none).
  let eventSymbolStart = -1;
  let eventSymbolEnd = -1;
  for (;;) {
    if (frame[index] !== QUOTE) return -1;
    const keyEnd = stringEnd(frame, index + 1);
    if (keyEnd < 0 || frame[keyEnd + 1] !== COLON) return -1;
    const key = keyEnd === index + 2 ? (frame[index + 1] as number) : LONG_KEY;
    index = keyEnd + 2;
    if (key === 0x65 /* e */ || key === 0x73 /* s */) {
      if (frame[index] !== QUOTE) return -1;
      const end = stringEnd(frame, index + 1);
      if (end < 0) return -1;
      if (key === 0x65) isKline = end - index - 1 === KLINE.length && matches(frame, index + 1, KLINE);
      else {
        eventSymbolStart = index + 1;
        eventSymbolEnd = end;
      }
      index = end + 1;
    } else if (key === 0x6b /* k */) {
      if (frame[index] !== OPEN_BRACE) return -1;
      index = readKline(frame, index, fields);
      sawKline = true;
    } else {
      index = frame[index] === OPEN_BRACE ? -1 : skipValue(frame, index);
    }
    if (index < 0) return -1;
    const next = frame[index];
    if (next === CLOSE_BRACE) break;
    if (next !== COMMA) return -1;
    index++;
  }
  if (!isKline || !sawKline) return -1;
  if (fields.symbol === undefined && eventSymbolStart >= 0) {
    fields.symbol = cachedText(frame, eventSymbolStart, eventSymbolEnd, symbolCache);
  }
  return index + 1;
}

const fastFields = emptyKlineFields();

/**
 * The candle of a Binance kline frame read from its bytes, or `undefined` (not a kline frame in the
 * compact form, or anything in doubt): then `parseBinanceFrame` decides. The adapter's `parseCandleFrame`.
 */
export function parseBinanceCandleFrame(
  market: MarketType,
  frame: Buffer,
  instruments?: InstrumentIndex,
): Candle | undefined {
  const fields = fastFields;
  resetKlineFields(fields);
  let end: number;
  if (matches(frame, 0, COMBINED_HEAD)) {
    // {"stream":"…","data":{event}} — exactly these two keys, in this order.
    const streamEnd = stringEnd(frame, COMBINED_HEAD.length);
    if (streamEnd < 0 || !matches(frame, streamEnd + 1, DATA_KEY)) return undefined;
    end = readEvent(frame, streamEnd + 1 + DATA_KEY.length, fields);
    if (end < 0 || frame[end] !== CLOSE_BRACE) return undefined;
    end++;
  } else {
    end = readEvent(frame, 0, fields);
  }
  if (end !== frame.length) return undefined;
  const candle = candleOfKlineFields(market, fields, instruments);
  return typeof candle === 'string' ? undefined : candle;
}
