import {
  AsciiTextCache,
  bytesAt,
  bytesEqual,
  type Candle,
  decimalOfBytes,
  type InstrumentIndex,
  jsonBooleanAt,
  jsonScalarEnd,
  jsonStringValueEnd,
  type MarketType,
  plainIntegerEnd,
  plainIntegerValue,
  readJsonObject,
  type StreamRef,
} from '@ohlcv/core';
import { candleOfKlineFields, emptyKlineFields, type KlineFields, resetKlineFields } from './kline-fields';
import { parseKlineTopic } from './kline-topic';

/*
 * The fast path for Bybit's hottest frame, a kline push of one candle —
 * `{"topic":"kline.1.BTCUSDT","data":[{"start":…,"end":…,"open":"…",…,"confirm":false}],"ts":…,"type":"snapshot"}`
 * — read straight from the frame's bytes. Anything else, or in doubt (several candles, values of
 * other types, whitespace, escapes, non-ASCII), is declined (`undefined`) and left to `parseFrame`.
 * Where it yields a candle it is the plain parse's (kline-frame-bytes.test.ts).
 */

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const TOPIC = Buffer.from('topic');
const DATA = Buffer.from('data');
const KLINE_PREFIX = Buffer.from('kline.');

/** The kline element's keys this path reads. */
const START = Buffer.from('start');
const END = Buffer.from('end');
const OPEN = Buffer.from('open');
const HIGH = Buffer.from('high');
const LOW = Buffer.from('low');
const CLOSE = Buffer.from('close');
const VOLUME = Buffer.from('volume');
const TURNOVER = Buffer.from('turnover');
const CONFIRM = Buffer.from('confirm');

const topicText = new AsciiTextCache();
/** The stream of the last topic read, reused while the topic is the same. */
let lastTopic = '';
let lastStream: StreamRef | undefined;

/** What one frame's reading found, reset per frame. */
const found = { topicStart: -1, topicEnd: -1, candles: 0, fields: emptyKlineFields() as KlineFields };

/** The candidate key for a first byte and length (then compared whole). */
function candidateKey(first: number | undefined, length: number): Buffer | undefined {
  switch (first) {
    case 0x73 /* s */:
      return START;
    case 0x65 /* e */:
      return END;
    case 0x6f /* o */:
      return OPEN;
    case 0x68 /* h */:
      return HIGH;
    case 0x6c /* l */:
      return LOW;
    case 0x63 /* c */:
      return length === CLOSE.length ? CLOSE : CONFIRM;
    case 0x76 /* v */:
      return VOLUME;
    case 0x74 /* t */:
      return TURNOVER;
    default:
      return undefined;
  }
}

/** Which element key `frame[keyStart, keyEnd)` is, or undefined for one this path skips. */
function elementKey(frame: Buffer, keyStart: number, keyEnd: number): Buffer | undefined {
  const candidate = candidateKey(frame[keyStart], keyEnd - keyStart);
  return candidate !== undefined && bytesEqual(frame, keyStart, keyEnd, candidate) ? candidate : undefined;
}

function elementValue(frame: Buffer, keyStart: number, keyEnd: number, at: number): number {
  const key = elementKey(frame, keyStart, keyEnd);
  const fields = found.fields;
  if (key === START || key === END) {
    const end = plainIntegerEnd(frame, at);
    if (end < 0) return -1;
    if (key === START) fields.start = plainIntegerValue(frame, at, end);
    else fields.end = plainIntegerValue(frame, at, end);
    return end;
  }
  if (key === CONFIRM) {
    const flag = jsonBooleanAt(frame, at);
    if (flag < 0) return -1;
    fields.confirm = flag === 1;
    return at + (flag === 1 ? 4 : 5);
  }
  if (key !== undefined) {
    const end = jsonStringValueEnd(frame, at);
    if (end < 0) return -1;
    const value = decimalOfBytes(frame, at + 1, end);
    if (key === OPEN) fields.open = value;
    else if (key === HIGH) fields.high = value;
    else if (key === LOW) fields.low = value;
    else if (key === CLOSE) fields.close = value;
    else if (key === VOLUME) fields.volume = value;
    else if (key === TURNOVER) fields.turnover = value;
    return end + 1;
  }
  return jsonScalarEnd(frame, at);
}

/** `[{…one kline…}]` at `at`: returns the index after the `]`, or -1. */
function readData(frame: Buffer, at: number): number {
  if (frame[at] !== OPEN_BRACKET) return -1;
  found.candles = 0; // a later "data" replaces an earlier one, as in JSON.parse
  resetKlineFields(found.fields);
  const end = readJsonObject(frame, at + 1, elementValue);
  if (end < 0 || frame[end] !== CLOSE_BRACKET) return -1;
  found.candles = 1;
  return end + 1;
}

function topValue(frame: Buffer, keyStart: number, keyEnd: number, at: number): number {
  if (bytesEqual(frame, keyStart, keyEnd, TOPIC)) {
    const end = jsonStringValueEnd(frame, at);
    if (end < 0) return -1;
    found.topicStart = at + 1;
    found.topicEnd = end;
    return end + 1;
  }
  if (bytesEqual(frame, keyStart, keyEnd, DATA)) return readData(frame, at);
  return jsonScalarEnd(frame, at);
}

function streamOfTopic(frame: Buffer, start: number, end: number): StreamRef | undefined {
  const topic = topicText.text(frame, start, end);
  if (topic !== lastTopic) {
    lastTopic = topic;
    lastStream = parseKlineTopic(topic);
  }
  return lastStream;
}

/**
 * The candle of a Bybit kline push of one candle, read from the frame's bytes, or `undefined` (any
 * other frame, or anything in doubt): then `parseFrame` decides. The adapter's `parseCandleFrame`.
 */
export function parseBybitCandleFrame(
  market: MarketType,
  frame: Buffer,
  _instruments?: InstrumentIndex,
): Candle | undefined {
  found.topicStart = -1;
  found.candles = 0;
  if (readJsonObject(frame, 0, topValue) !== frame.length || found.candles !== 1) return undefined;
  if (found.topicStart < 0 || !bytesAt(frame, found.topicStart, KLINE_PREFIX)) return undefined;
  const stream = streamOfTopic(frame, found.topicStart, found.topicEnd);
  return stream === undefined ? undefined : candleOfKlineFields(market, stream, found.fields);
}
