import {
  AsciiTextCache,
  bytesEqual,
  type Candle,
  decimalOfBytes,
  type InstrumentIndex,
  jsonBooleanAt,
  jsonScalarEnd,
  jsonStringEnd,
  type MarketType,
  plainIntegerEnd,
  plainIntegerValue,
} from '@ohlcv/core';
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
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** Not a byte: the key is longer than one character. */
const LONG_KEY = -1;

const COMBINED_HEAD = Buffer.from('{"stream":"');
const DATA_KEY = Buffer.from(',"data":');
const KLINE = Buffer.from('kline');

const symbolText = new AsciiTextCache();
const intervalText = new AsciiTextCache();

/** End of a value this reader does not keep (objects and arrays decline). */
function skipValue(frame: Buffer, at: number): number {
  return frame[at] === OPEN_BRACE ? -1 : jsonScalarEnd(frame, at);
}

/** Reads the kline object at `at` (its `{`) into `fields`; returns the index after its `}`, or -1. */
function readKline(frame: Buffer, at: number, fields: KlineFields): number {
  resetKlineFields(fields); // a later "k" replaces an earlier one, as in JSON.parse
  let index = at + 1;
  if (frame[index] === CLOSE_BRACE) return index + 1;
  for (;;) {
    if (frame[index] !== QUOTE) return -1;
    const keyEnd = jsonStringEnd(frame, index + 1);
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
        const end = plainIntegerEnd(frame, at);
        if (end < 0) return -1;
        const value = plainIntegerValue(frame, at, end);
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
        const end = jsonStringEnd(frame, at + 1);
        if (end < 0) return -1;
        const value = decimalOfBytes(frame, at + 1, end);
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
        const end = jsonStringEnd(frame, at + 1);
        if (end < 0) return -1;
        if (key === 0x73) fields.symbol = symbolText.text(frame, at + 1, end);
        else fields.intervalId = intervalText.text(frame, at + 1, end);
        return end + 1;
      }
    case 0x78 /* x */:
      {
        const flag = jsonBooleanAt(frame, at);
        if (flag < 0) return -1;
        fields.closed = flag === 1;
        return at + (flag === 1 ? 4 : 5);
      }
    default:
      return skipValue(frame, at);
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
    const keyEnd = jsonStringEnd(frame, index + 1);
    if (keyEnd < 0 || frame[keyEnd + 1] !== COLON) return -1;
    const key = keyEnd === index + 2 ? (frame[index + 1] as number) : LONG_KEY;
    index = keyEnd + 2;
    if (key === 0x65 /* e */ || key === 0x73 /* s */) {
      if (frame[index] !== QUOTE) return -1;
      const end = jsonStringEnd(frame, index + 1);
      if (end < 0) return -1;
      if (key === 0x65) isKline = bytesEqual(frame, index + 1, end, KLINE);
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
      index = skipValue(frame, index);
    }
    if (index < 0) return -1;
    const next = frame[index];
    if (next === CLOSE_BRACE) break;
    if (next !== COMMA) return -1;
    index++;
  }
  if (!isKline || !sawKline) return -1;
  if (fields.symbol === undefined && eventSymbolStart >= 0) {
    fields.symbol = symbolText.text(frame, eventSymbolStart, eventSymbolEnd);
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
  if (bytesEqual(frame, 0, COMBINED_HEAD.length, COMBINED_HEAD)) {
    // {"stream":"…","data":{event}} — exactly these two keys, in this order.
    const streamEnd = jsonStringEnd(frame, COMBINED_HEAD.length);
    if (streamEnd < 0 || !bytesEqual(frame, streamEnd + 1, streamEnd + 1 + DATA_KEY.length, DATA_KEY))
      return undefined;
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
