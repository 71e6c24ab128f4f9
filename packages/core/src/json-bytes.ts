/*
 * Primitives for an adapter's byte-level fast path (`parseCandleFrame`): reading the values of a
 * compact JSON frame straight from its bytes. Each returns -1 (or NaN) at the first byte it is not
 * sure of, so that the fast path can decline and leave the frame to `parse`. Strings are accepted
 * only as printable ASCII without escapes: such a string's bytes are exactly what `JSON.parse`
 * decodes, so a value read here is the value `parse` reads.
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

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

/** Powers of ten a double holds exactly: a decimal of at most 15 digits divided by one is correctly rounded. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);
const MAX_EXACT_DIGITS = 15;

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= DIGIT_0 && byte <= DIGIT_0 + 9;
}

/** Whether `frame` holds `bytes` at `at`. */
export function bytesAt(frame: Buffer, at: number, bytes: Buffer): boolean {
  if (at + bytes.length > frame.length) return false;
  for (let index = 0; index < bytes.length; index++) if (frame[at + index] !== bytes[index]) return false;
  return true;
}

/** Whether `frame[start, end)` is exactly `bytes`. */
export function bytesEqual(frame: Buffer, start: number, end: number, bytes: Buffer): boolean {
  return end - start === bytes.length && bytesAt(frame, start, bytes);
}

/**
 * Index of the closing quote of the string whose first character is at `start`; -1 for an escape,
 * a control character or a byte outside printable ASCII (or no closing quote).
 */
export function jsonStringEnd(frame: Buffer, start: number): number {
  for (let index = start; index < frame.length; index++) {
    const byte = frame[index] as number;
    if (byte === QUOTE) return index;
    if (byte === BACKSLASH || byte < 0x20 || byte > 0x7e) return -1;
  }
  return -1;
}

/** The closing quote of the string value whose opening quote is at `at`, or -1 (not a string, or one {@link jsonStringEnd} declines). */
export function jsonStringValueEnd(frame: Buffer, at: number): number {
  return frame[at] === QUOTE ? jsonStringEnd(frame, at + 1) : -1;
}

/** End of a JSON number starting at `at` (the strict grammar), or -1. */
export function jsonNumberEnd(frame: Buffer, at: number): number {
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

/** End of a JSON string, number, `true`, `false` or `null` at `at`, or -1 (objects and arrays included). */
export function jsonScalarEnd(frame: Buffer, at: number): number {
  const byte = frame[at];
  if (byte === QUOTE) {
    const end = jsonStringEnd(frame, at + 1);
    return end < 0 ? -1 : end + 1;
  }
  if (byte === LOWER_T) return bytesAt(frame, at, TRUE) ? at + TRUE.length : -1;
  if (byte === LOWER_F) return bytesAt(frame, at, FALSE) ? at + FALSE.length : -1;
  if (byte === LOWER_N) return bytesAt(frame, at, NULL) ? at + NULL.length : -1;
  return jsonNumberEnd(frame, at);
}

/**
 * Reads the object whose `{` is at `at`, key by key: `value(frame, keyStart, keyEnd, valueAt)` reads
 * each value (the key is `frame[keyStart, keyEnd)`) and returns the index after it, or -1 to decline.
 * Returns the index after the object's `}`, or -1. No whitespace; an empty object reads as -1 (no
 * fast path reads one). Pass a function made once, not a closure per frame.
 */
export function readJsonObject(
  frame: Buffer,
  at: number,
  value: (frame: Buffer, keyStart: number, keyEnd: number, valueAt: number) => number,
): number {
  if (frame[at] !== OPEN_BRACE) return -1;
  let index = at + 1;
  for (;;) {
    if (frame[index] !== QUOTE) return -1;
    const keyEnd = jsonStringEnd(frame, index + 1);
    if (keyEnd < 0 || frame[keyEnd + 1] !== COLON) return -1;
    index = value(frame, index + 1, keyEnd, keyEnd + 2);
    if (index < 0) return -1;
    const next = frame[index];
    if (next === CLOSE_BRACE) return index + 1;
    if (next !== COMMA) return -1;
    index++;
  }
}

/** `true` or `false` at `at` as 1 or 0 (the literal's length tells its end); -1 for anything else. */
export function jsonBooleanAt(frame: Buffer, at: number): 0 | 1 | -1 {
  if (bytesAt(frame, at, TRUE)) return 1;
  if (bytesAt(frame, at, FALSE)) return 0;
  return -1;
}

/** End of a non-negative integer of at most 15 digits without a leading zero (a timestamp or a count), or -1. */
export function plainIntegerEnd(frame: Buffer, at: number): number {
  let index = at;
  if (frame[index] === DIGIT_0) index++;
  else while (isDigit(frame[index])) index++;
  return index === at || index - at > MAX_EXACT_DIGITS ? -1 : index;
}

/** The value of the digits `frame[start, end)` (as {@link plainIntegerEnd} found them). */
export function plainIntegerValue(frame: Buffer, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) value = value * 10 + ((frame[index] as number) - DIGIT_0);
  return value;
}

/**
 * `Number(text)` of the string `frame[start, end)` (printable ASCII, no escapes), as the plain parse
 * computes it: a plain decimal of at most 15 significant digits is its digits divided by a power of
 * ten — both exact doubles, so the one division is correctly rounded — anything else goes through
 * `Number`. An empty string is NaN (as {@link parseDecimal} has it).
 */
export function decimalOfBytes(frame: Buffer, start: number, end: number): number {
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

/**
 * Decodes short ASCII strings of a frame, reusing the last string while the venue sends the same
 * bytes (a stream's symbol, its interval): no string is built per frame in the common case.
 */
export class AsciiTextCache {
  #bytes: Buffer = Buffer.alloc(0);
  #text = '';

  /** The string `frame[start, end)` (printable ASCII). */
  text(frame: Buffer, start: number, end: number): string {
    const cached = this.#bytes;
    const length = end - start;
    if (cached.length === length) {
      let index = 0;
      while (index < length && cached[index] === frame[start + index]) index++;
      if (index === length) return this.#text;
    }
    this.#bytes = Buffer.from(frame.subarray(start, end));
    this.#text = frame.toString('latin1', start, end);
    return this.#text;
  }
}
