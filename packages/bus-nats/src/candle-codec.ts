import {
  type Candle,
  isExchangeId,
  isFiniteOhlcv,
  isInterval,
  isMarketType,
  isRecord,
  streamKey,
} from '@ohlcv/core';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The message body of a candle on the bus: its JSON, serialized once per publish. */
export function encodeCandle(candle: Candle): Uint8Array {
  return encoder.encode(JSON.stringify(candle));
}

/**
 * Parses a bus message body back into a candle, checking every field and that it belongs to
 * `key`; throws an error naming the message (`subject #seq`) and the offending value. (The name is
 * only built on failure: this runs once per delivered message.)
 */
export function decodeCandle(data: Uint8Array, key: string, subject: string, seq?: number): Candle {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(data));
  } catch (error) {
    throw new Error(`${where(subject, seq)}: message is not JSON (${(error as Error).message})`);
  }
  const problem = candleProblem(value);
  if (problem) throw new Error(`${where(subject, seq)}: not a candle: ${problem}`);
  const candle = value as Candle;
  const own = streamKey(candle);
  if (own !== key) throw new Error(`${where(subject, seq)}: candle of ${own} found in the subject of ${key}`);
  return candle;
}

function where(subject: string, seq: number | undefined): string {
  return seq === undefined ? subject : `${subject} #${seq}`;
}

/** What is wrong with `value` as a candle, or undefined when it is one. */
export function candleProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return `expected an object, got ${show(value)}`;
  const { exchange, market, symbol, interval, openTime, closeTime, closed } = value;
  if (!isExchangeId(exchange)) return `exchange ${show(exchange)}`;
  if (!isMarketType(market)) return `market ${show(market)}`;
  if (typeof symbol !== 'string' || symbol.length === 0) return `symbol ${show(symbol)}`;
  if (!isInterval(interval)) return `interval ${show(interval)}`;
  if (!Number.isSafeInteger(openTime)) return `openTime ${show(openTime)}`;
  if (!Number.isSafeInteger(closeTime)) return `closeTime ${show(closeTime)}`;
  if (typeof closed !== 'boolean') return `closed ${show(closed)}`;
  const { open, high, low, close, volume } = value;
  const numbers = [open, high, low, close, volume];
  const finite =
    numbers.every((n) => typeof n === 'number') &&
    isFiniteOhlcv(open as number, high as number, low as number, close as number, volume as number);
  if (!finite) return `open/high/low/close/volume ${show(numbers)}`;
  for (const field of ['quoteVolume', 'trades'] as const) {
    const n = value[field];
    if (n !== undefined && (typeof n !== 'number' || !Number.isFinite(n))) {
      return `${field} ${show(n)}`;
    }
  }
  return undefined;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(',')}]`;
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}
