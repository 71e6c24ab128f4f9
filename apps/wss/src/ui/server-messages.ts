/** The server's messages as the page uses them, parsed from unknown JSON (anything else is dropped). */

import type { CandleSource, ChartCandle } from './candle-series';

export type ServerMessage =
  | { type: 'subscribed'; id: string | undefined; streams: string[] }
  | { type: 'unsubscribed'; id: string | undefined; streams: string[] }
  | { type: 'candle'; stream: string; candle: ChartCandle; source: CandleSource }
  | { type: 'stalled'; stream: string; silentMs: number }
  | { type: 'recovered'; stream: string }
  | { type: 'gap'; stream: string; from: number; to: number; reason: string }
  | { type: 'error'; id: string | undefined; stream: string | undefined; code: string; message: string }
  | { type: 'pong' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isString = (value: unknown): value is string => typeof value === 'string';

function idOf(value: unknown): string | undefined {
  return isString(value) || isNumber(value) ? String(value) : undefined;
}

function parseCandle(value: unknown): ChartCandle | undefined {
  if (!isRecord(value)) return undefined;
  const { openTime, open, high, low, close, volume, closed } = value;
  if (![openTime, open, high, low, close, volume].every(isNumber) || typeof closed !== 'boolean')
    return undefined;
  return {
    openTime: openTime as number,
    open: open as number,
    high: high as number,
    low: low as number,
    close: close as number,
    volume: volume as number,
    closed,
  };
}

/** One text frame from the server; undefined when it is not a message the page knows. */
export function parseServerMessage(text: string): ServerMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const { type, stream } = value;
  switch (type) {
    case 'subscribed':
    case 'unsubscribed': {
      const streams = value.streams;
      if (!Array.isArray(streams) || !streams.every(isString)) return undefined;
      return { type, id: idOf(value.id), streams };
    }
    case 'candle': {
      const candle = parseCandle(value.candle);
      if (!isString(stream) || candle === undefined) return undefined;
      return { type, stream, candle, source: value.source === 'rest' ? 'rest' : 'live' };
    }
    case 'stalled':
      return isString(stream)
        ? { type, stream, silentMs: isNumber(value.silentMs) ? value.silentMs : 0 }
        : undefined;
    case 'recovered':
      return isString(stream) ? { type, stream } : undefined;
    case 'gap':
      if (!isString(stream) || !isNumber(value.from) || !isNumber(value.to)) return undefined;
      return {
        type,
        stream,
        from: value.from,
        to: value.to,
        reason: isString(value.reason) ? value.reason : '',
      };
    case 'error':
      return {
        type,
        id: idOf(value.id),
        stream: isString(stream) ? stream : undefined,
        code: isString(value.code) ? value.code : 'error',
        message: isString(value.message) ? value.message : 'unknown error',
      };
    case 'pong':
      return { type };
    default:
      return undefined;
  }
}
