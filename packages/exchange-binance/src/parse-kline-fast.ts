/**
 * The hot path of a Binance kline push, read without building the JSON object tree: the frame is
 * matched against the one shape Binance sends (`{"stream":…,"data":{"e":"kline","E":…,"s":…,
 * "k":{"t","T","s","i","f","L","o","c","h","l","v","n","x","q","V","Q","B"}}}`, keys in that order,
 * no whitespace, strings without escapes) and the fields are handed to the same `klineFromFields`
 * the plain parse uses. Anything else — another order, an escape, an extra key, a malformed number —
 * returns `undefined`, and the caller runs the plain `JSON.parse` path. Each value read here is
 * exactly what `JSON.parse` would yield for it (strings are raw spans free of `\` and control
 * characters; numbers follow the JSON grammar and go through `Number`), so the two paths agree;
 * parse-kline-fast.test.ts checks that on generated and real frames.
 */
import type { Candle, InstrumentIndex, MarketType } from '@ohlcv/core';
import { klineFromFields } from './parse-kline-fields';

const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

// The scanner's cursor and last value: module state, so a frame allocates no closure or result tuple.
let cursor = 0;
let text = '';
let numberValue = 0;

/** Matches `literal` at the cursor and moves past it. */
function expect(frame: string, literal: string): boolean {
  if (!frame.startsWith(literal, cursor)) return false;
  cursor += literal.length;
  return true;
}

/** Where the plain string value at the cursor ends (its closing quote); -1 if none or not plain. */
function stringEnd(frame: string): number {
  const end = frame.indexOf('"', cursor);
  if (end < 0) return -1;
  for (let index = cursor; index < end; index++) {
    const code = frame.charCodeAt(index);
    if (code < 0x20 || code === BACKSLASH) return -1;
  }
  return end;
}

/** A string value's body up to the closing quote (the opening one already consumed). */
function readString(frame: string): boolean {
  const end = stringEnd(frame);
  if (end < 0) return false;
  text = frame.slice(cursor, end);
  cursor = end + 1;
  return true;
}

/** `prefix`, then a string value whose text is not needed (checked, not copied). */
function skipString(frame: string, prefix: string): boolean {
  if (!expect(frame, prefix)) return false;
  const end = stringEnd(frame);
  if (end < 0) return false;
  cursor = end + 1;
  return true;
}

function digitsFrom(frame: string, start: number): number {
  let index = start;
  while (index < frame.length) {
    const code = frame.charCodeAt(index);
    if (code < ZERO || code > NINE) break;
    index++;
  }
  return index;
}

/** A JSON number token at the cursor (RFC 8259 grammar), its value as `JSON.parse` reads it. */
function readNumber(frame: string): boolean {
  const start = cursor;
  let index = start;
  if (frame.charCodeAt(index) === MINUS) index++;
  const intEnd = digitsFrom(frame, index);
  if (intEnd === index || (frame.charCodeAt(index) === ZERO && intEnd > index + 1)) return false;
  index = intEnd;
  if (frame.charCodeAt(index) === DOT) {
    const fractionEnd = digitsFrom(frame, index + 1);
    if (fractionEnd === index + 1) return false;
    index = fractionEnd;
  }
  const exponent = frame.charCodeAt(index);
  if (exponent === LOWER_E || exponent === UPPER_E) {
    index++;
    const sign = frame.charCodeAt(index);
    if (sign === PLUS || sign === MINUS) index++;
    const exponentEnd = digitsFrom(frame, index);
    if (exponentEnd === index) return false;
    index = exponentEnd;
  }
  // Up to 15 digits and nothing else is exact in a double; summing the digits avoids a substring.
  if (index === intEnd && intEnd - start <= 15) {
    const negative = frame.charCodeAt(start) === MINUS;
    let value = 0;
    for (let digit = negative ? start + 1 : start; digit < intEnd; digit++) {
      value = value * 10 + (frame.charCodeAt(digit) - ZERO);
    }
    numberValue = negative ? -value : value;
  } else {
    numberValue = Number(frame.slice(start, index));
  }
  cursor = index;
  return true;
}

/** `"key":"…"` (with `prefix` = `,"key":"` or similar already including the opening quote). */
function stringField(frame: string, prefix: string): string | undefined {
  return expect(frame, prefix) && readString(frame) ? text : undefined;
}

function numberField(frame: string, prefix: string): number | undefined {
  return expect(frame, prefix) && readNumber(frame) ? numberValue : undefined;
}

/** The candle of a kline frame in Binance's own shape, or `undefined`: use the plain parse. */
export function fastKlineCandle(
  market: MarketType,
  frame: string,
  instruments: InstrumentIndex | undefined,
): Candle | undefined {
  cursor = 0;
  const combined = frame.startsWith('{"stream":"');
  if (combined) {
    cursor = 10;
    if (!skipString(frame, '"') || !expect(frame, ',"data":')) return undefined;
  }
  if (!expect(frame, '{"e":"kline"') || numberField(frame, ',"E":') === undefined) return undefined;
  if (!skipString(frame, ',"s":"')) return undefined;
  const openTime = numberField(frame, ',"k":{"t":');
  if (openTime === undefined) return undefined;
  const closeTime = numberField(frame, ',"T":');
  if (closeTime === undefined) return undefined;
  const symbol = stringField(frame, ',"s":"');
  if (symbol === undefined) return undefined;
  const intervalId = stringField(frame, ',"i":"');
  if (intervalId === undefined || numberField(frame, ',"f":') === undefined) return undefined;
  if (numberField(frame, ',"L":') === undefined) return undefined;
  const open = stringField(frame, ',"o":"');
  if (open === undefined) return undefined;
  const close = stringField(frame, ',"c":"');
  if (close === undefined) return undefined;
  const high = stringField(frame, ',"h":"');
  if (high === undefined) return undefined;
  const low = stringField(frame, ',"l":"');
  if (low === undefined) return undefined;
  const volume = stringField(frame, ',"v":"');
  if (volume === undefined) return undefined;
  const trades = numberField(frame, ',"n":');
  if (trades === undefined) return undefined;
  let closed: boolean;
  if (expect(frame, ',"x":true')) closed = true;
  else if (expect(frame, ',"x":false')) closed = false;
  else return undefined;
  const quote = stringField(frame, ',"q":"');
  if (quote === undefined || !skipString(frame, ',"V":"')) return undefined;
  if (!skipString(frame, ',"Q":"') || !skipString(frame, ',"B":"')) return undefined;
  // The whole frame matched: it is valid JSON and every value above is what JSON.parse reads.
  if (!expect(frame, combined ? '}}}' : '}}') || cursor !== frame.length) return undefined;
  const candle = klineFromFields(
    market,
    symbol,
    intervalId,
    openTime,
    closeTime,
    open,
    high,
    low,
    close,
    volume,
    quote,
    trades,
    closed,
    instruments,
  );
  return typeof candle === 'string' ? undefined : candle;
}
