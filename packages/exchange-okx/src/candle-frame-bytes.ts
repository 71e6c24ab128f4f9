import {
  AsciiTextCache,
  bytesEqual,
  type Candle,
  decimalOfBytes,
  type InstrumentIndex,
  jsonScalarEnd,
  jsonStringValueEnd,
  type MarketType,
  plainIntegerEnd,
  plainIntegerValue,
  readJsonObject,
} from '@ohlcv/core';
import { candleOfRowFields, emptyRowFields, type RowFields } from './candle-row';
import { intervalOfChannel } from './okx-intervals';

/*
 * The fast path for OKX's hottest frame, a candle push of one row —
 * `{"arg":{"channel":"candle1m","instId":"BTC-USDT"},"data":[["ts","o","h","l","c","vol","volCcy","volCcyQuote","confirm"]]}`
 * — read straight from the frame's bytes. Anything else, or in doubt (whitespace, escapes, other
 * keys, several rows, values that are not plain strings), is declined (`undefined`) and left to
 * `parseOkxFrame`. Where it yields a candle it is the plain parse's (candle-frame-bytes.test.ts).
 */

const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const ARG = Buffer.from('arg');
const DATA = Buffer.from('data');
const CHANNEL = Buffer.from('channel');
const INST_ID = Buffer.from('instId');
const CONFIRMED = Buffer.from('1');
const UNCONFIRMED = Buffer.from('0');
/** Elements of a row this path reads: 7 (older format) to 9 (with volCcyQuote and confirm). */
const MIN_ROW = 7;
const MAX_ROW = 9;

const channelText = new AsciiTextCache();
const symbolText = new AsciiTextCache();

/** What one frame's reading found, reset per frame. */
interface CandleFrame {
  channelStart: number;
  channelEnd: number;
  symbolStart: number;
  symbolEnd: number;
  rows: number;
  /** The row's decimals at 5, 6 and 7 (which one is volume depends on the market). */
  at5: number;
  at6: number;
  at7: number;
  readonly row: RowFields;
}

const found: CandleFrame = {
  channelStart: -1,
  channelEnd: -1,
  symbolStart: -1,
  symbolEnd: -1,
  rows: 0,
  at5: Number.NaN,
  at6: Number.NaN,
  at7: Number.NaN,
  row: emptyRowFields(),
};

function argValue(frame: Buffer, keyStart: number, keyEnd: number, at: number): number {
  const isChannel = bytesEqual(frame, keyStart, keyEnd, CHANNEL);
  if (isChannel || bytesEqual(frame, keyStart, keyEnd, INST_ID)) {
    const end = jsonStringValueEnd(frame, at);
    if (end < 0) return -1;
    if (isChannel) {
      found.channelStart = at + 1;
      found.channelEnd = end;
    } else {
      found.symbolStart = at + 1;
      found.symbolEnd = end;
    }
    return end + 1;
  }
  return jsonScalarEnd(frame, at);
}

/** Element `index` of the row, the string `frame[start, end)`, into `found`; false where the fast path does not read it. */
function readElement(frame: Buffer, index: number, start: number, end: number): boolean {
  const row = found.row;
  switch (index) {
    case 0:
      if (plainIntegerEnd(frame, start) !== end) return false;
      row.openTime = plainIntegerValue(frame, start, end);
      return true;
    case 1:
      row.open = decimalOfBytes(frame, start, end);
      return true;
    case 2:
      row.high = decimalOfBytes(frame, start, end);
      return true;
    case 3:
      row.low = decimalOfBytes(frame, start, end);
      return true;
    case 4:
      row.close = decimalOfBytes(frame, start, end);
      return true;
    case 5:
      found.at5 = decimalOfBytes(frame, start, end);
      return true;
    case 6:
      found.at6 = decimalOfBytes(frame, start, end);
      return true;
    case 7:
      found.at7 = decimalOfBytes(frame, start, end);
      return true;
    default:
      if (bytesEqual(frame, start, end, CONFIRMED)) row.confirm = '1';
      else if (bytesEqual(frame, start, end, UNCONFIRMED)) row.confirm = '0';
      else return false;
      return true;
  }
}

/** `[[…one row of strings…]]` at `at`: returns the index after the outer `]`, or -1. */
function readData(frame: Buffer, at: number): number {
  if (frame[at] !== OPEN_BRACKET || frame[at + 1] !== OPEN_BRACKET) return -1;
  found.rows = 0; // a later "data" replaces an earlier one, as in JSON.parse
  found.row.confirm = undefined;
  let index = at + 2;
  let elements = 0;
  for (;;) {
    const end = jsonStringValueEnd(frame, index);
    if (end < 0 || elements >= MAX_ROW || !readElement(frame, elements, index + 1, end)) return -1;
    elements++;
    index = end + 1;
    if (frame[index] === CLOSE_BRACKET) break;
    if (frame[index] !== COMMA) return -1;
    index++;
  }
  if (elements < MIN_ROW || frame[index + 1] !== CLOSE_BRACKET) return -1;
  found.rows = 1;
  found.row.length = elements;
  return index + 2;
}

function topValue(frame: Buffer, keyStart: number, keyEnd: number, at: number): number {
  if (bytesEqual(frame, keyStart, keyEnd, ARG)) {
    found.channelStart = -1; // a later "arg" replaces an earlier one
    found.symbolStart = -1;
    return readJsonObject(frame, at, argValue);
  }
  if (bytesEqual(frame, keyStart, keyEnd, DATA)) return readData(frame, at);
  return -1; // "event" and anything else: not a candle push this path reads
}

/**
 * The candle of an OKX candle push of one row, read from the frame's bytes, or `undefined` (any
 * other frame, or anything in doubt): then `parseOkxFrame` decides. The adapter's `parseCandleFrame`.
 */
export function parseOkxCandleFrame(
  market: MarketType,
  frame: Buffer,
  _instruments?: InstrumentIndex,
): Candle | undefined {
  found.channelStart = -1;
  found.symbolStart = -1;
  found.rows = 0;
  if (readJsonObject(frame, 0, topValue) !== frame.length || found.rows !== 1) return undefined;
  if (found.channelStart < 0 || found.symbolStart < 0 || found.symbolEnd === found.symbolStart)
    return undefined;
  const interval = intervalOfChannel(channelText.text(frame, found.channelStart, found.channelEnd));
  if (interval === undefined) return undefined;
  const row = found.row;
  const spot = market === 'spot';
  row.volume = spot ? found.at5 : found.at6;
  row.quoteVolume = row.length > 7 ? found.at7 : spot ? found.at6 : Number.NaN;
  const symbol = symbolText.text(frame, found.symbolStart, found.symbolEnd);
  const candle = candleOfRowFields(market, symbol, interval, row);
  return typeof candle === 'string' ? undefined : candle;
}
