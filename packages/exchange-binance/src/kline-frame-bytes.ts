import {
  AsciiTextCache,
  bytesAt,
  bytesEqual,
  type Candle,
  decimalOfBytes,
  type InstrumentIndex,
  jsonBooleanAt,
  jsonScalarEnd,
  jsonStringEnd,
  jsonStringValueEnd,
  type MarketType,
  plainIntegerEnd,
  plainIntegerValue,
  readJsonObject,
} from '@ohlcv/core';
import { candleOfKlineFields, emptyKlineFields, resetKlineFields } from './kline-fields';

/*
 * The fast path for Binance's hottest frame: a kline update, read straight from the frame's bytes
 * without decoding the frame into a string or building its JSON object tree. It accepts only the
 * compact form Binance sends — `{"stream":"…","data":{…}}` or the bare event, no whitespace, strings
 * of printable ASCII without escapes, kline values of the documented types — and declines
 * (`undefined`) at the first byte it is not sure of: the engine then runs the plain parse, which also
 * reports what is wrong with a bad frame. Where it yields a candle, it is the plain parse's candle
 * (kline-frame-bytes.test.ts checks this on generated, mutated and recorded frames).
 */

const CLOSE_BRACE = 0x7d;
/** Not a byte: the key is longer than one character. */
const LONG_KEY = -1;

const COMBINED_HEAD = Buffer.from('{"stream":"');
const DATA_KEY = Buffer.from(',"data":');
const KLINE = Buffer.from('kline');

/** The fields of the frame being read (the reader is synchronous: one record serves every frame). */
const fastFields = emptyKlineFields();
const symbolText = new AsciiTextCache();
const intervalText = new AsciiTextCache();

/** The key `frame[keyStart, keyEnd)` as its one byte, or {@link LONG_KEY}. */
function keyByte(frame: Buffer, keyStart: number, keyEnd: number): number {
  return keyEnd === keyStart + 1 ? (frame[keyStart] as number) : LONG_KEY;
}

/** One kline value at `at` into the fields; returns its end, or -1 where it is not of the type the fast path reads. */
function readKlineValue(frame: Buffer, keyStart: number, keyEnd: number, at: number): number {
  const fields = fastFields;
  const key = keyByte(frame, keyStart, keyEnd);
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
        const end = jsonStringValueEnd(frame, at);
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
        const end = jsonStringValueEnd(frame, at);
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
      return jsonScalarEnd(frame, at);
  }
}

/** What the event's keys said, reset per frame. */
const event = { isKline: false, sawKline: false, symbolStart: -1, symbolEnd: -1 };

/** One value of the kline event (`e`, `s`, `k`, or one this path skips); returns its end, or -1. */
function readEventValue(frame: Buffer, keyStart: number, keyEnd: number, at: number): number {
  const key = keyByte(frame, keyStart, keyEnd);
  if (key === 0x65 /* e */ || key === 0x73 /* s */) {
    const end = jsonStringValueEnd(frame, at);
    if (end < 0) return -1;
    if (key === 0x65) event.isKline = bytesEqual(frame, at + 1, end, KLINE);
    else {
      event.symbolStart = at + 1;
      event.symbolEnd = end;
    }
    return end + 1;
  }
  if (key === 0x6b /* k */) {
    resetKlineFields(fastFields); // a later "k" replaces an earlier one, as in JSON.parse
    event.sawKline = true;
    return readJsonObject(frame, at, readKlineValue);
  }
  return jsonScalarEnd(frame, at);
}

/** Reads the kline event object at `at` (its `{`); returns the index after its `}`, or -1 when it is not a kline event the fast path reads. */
function readEvent(frame: Buffer, at: number): number {
  event.isKline = false;
  event.sawKline = false;
  event.symbolStart = -1;
  const end = readJsonObject(frame, at, readEventValue);
  if (end < 0 || !event.isKline || !event.sawKline) return -1;
  if (fastFields.symbol === undefined && event.symbolStart >= 0) {
    fastFields.symbol = symbolText.text(frame, event.symbolStart, event.symbolEnd);
  }
  return end;
}

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
  if (bytesAt(frame, 0, COMBINED_HEAD)) {
    // {"stream":"…","data":{event}} — exactly these two keys, in this order.
    const streamEnd = jsonStringEnd(frame, COMBINED_HEAD.length);
    if (streamEnd < 0 || !bytesAt(frame, streamEnd + 1, DATA_KEY)) return undefined;
    end = readEvent(frame, streamEnd + 1 + DATA_KEY.length);
    if (end < 0 || frame[end] !== CLOSE_BRACE) return undefined;
    end++;
  } else {
    end = readEvent(frame, 0);
  }
  if (end !== frame.length) return undefined;
  const candle = candleOfKlineFields(market, fields, instruments);
  return typeof candle === 'string' ? undefined : candle;
}
