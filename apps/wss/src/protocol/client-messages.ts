import { describeValue, previewText } from './describe-value';
import type { MessageId } from './server-messages';

/** One stream as a client names it: a key string or an object of its parts. */
export type StreamRequest = string | { exchange: string; market: string; symbol: string; interval: string };

export type ClientMessage =
  | { op: 'subscribe'; id: MessageId | undefined; streams: StreamRequest[]; history: number }
  | { op: 'unsubscribe'; id: MessageId | undefined; streams: StreamRequest[] }
  | { op: 'ping'; id: MessageId | undefined }
  | { op: 'legacy'; exchange: string; contractType: string; symbols: string[]; limit: number };

/** A message the server cannot act on, with the error to send back. */
export interface InvalidClientMessage {
  op: 'invalid';
  id: MessageId | undefined;
  code: 'invalid_json' | 'invalid_message' | 'unknown_op' | 'invalid_history';
  message: string;
}

const OPS = ['subscribe', 'unsubscribe', 'ping'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(
  id: MessageId | undefined,
  code: InvalidClientMessage['code'],
  message: string,
): InvalidClientMessage {
  return { op: 'invalid', id, code, message };
}

function parseStreams(value: unknown, id: MessageId | undefined): StreamRequest[] | InvalidClientMessage {
  if (!Array.isArray(value) || value.length === 0) {
    return invalid(id, 'invalid_message', '"streams" must be a non-empty array of stream keys or objects');
  }
  const streams: StreamRequest[] = [];
  for (const [index, entry] of value.entries()) {
    if (typeof entry === 'string') {
      streams.push(entry);
      continue;
    }
    if (
      isRecord(entry) &&
      typeof entry.exchange === 'string' &&
      typeof entry.market === 'string' &&
      typeof entry.symbol === 'string' &&
      typeof entry.interval === 'string'
    ) {
      streams.push({
        exchange: entry.exchange,
        market: entry.market,
        symbol: entry.symbol,
        interval: entry.interval,
      });
      continue;
    }
    return invalid(
      id,
      'invalid_message',
      `streams[${index}] = ${describeValue(entry)} is neither "exchange:market:symbol:interval" nor {exchange, market, symbol, interval} with string values`,
    );
  }
  return streams;
}

function parseLegacy(message: Record<string, unknown>): ClientMessage | InvalidClientMessage {
  const { exchange, contract_type: contractType, symbols, limit } = message;
  if (typeof exchange !== 'string')
    return invalid(undefined, 'invalid_message', '"exchange" must be a string');
  if (typeof contractType !== 'string') {
    return invalid(
      undefined,
      'invalid_message',
      '"contract_type" must be a string such as spot, usdm, coinm, linear, inverse, swap',
    );
  }
  if (
    !Array.isArray(symbols) ||
    symbols.length === 0 ||
    !symbols.every((symbol) => typeof symbol === 'string')
  ) {
    return invalid(undefined, 'invalid_message', '"symbols" must be a non-empty array of strings');
  }
  const parsedLimit = limit ?? 0;
  if (typeof parsedLimit !== 'number' || !Number.isSafeInteger(parsedLimit) || parsedLimit < 0) {
    return invalid(
      undefined,
      'invalid_message',
      `"limit" must be an integer >= 0 (0 = unlimited), got ${describeValue(limit)}`,
    );
  }
  return { op: 'legacy', exchange, contractType, symbols: symbols as string[], limit: parsedLimit };
}

/**
 * Parses one text frame. `acceptLegacy`: the first message of a connection may be the older
 * connector's `{exchange, contract_type, symbols, limit}`.
 */
export function parseClientMessage(
  text: string,
  options: { acceptLegacy: boolean; maxHistory: number },
): ClientMessage | InvalidClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return invalid(
      undefined,
      'invalid_json',
      `message is not valid JSON (${previewText(error instanceof Error ? error.message : String(error), 120)}): ${previewText(text)}`,
    );
  }
  if (!isRecord(value))
    return invalid(undefined, 'invalid_message', `expected a JSON object, got ${describeValue(value)}`);
  const rawId = value.id;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : undefined;
  if (rawId !== undefined && id === undefined) {
    return invalid(
      undefined,
      'invalid_message',
      `"id" must be a string or a number, got ${describeValue(rawId)}`,
    );
  }
  const op = value.op;
  if (op === undefined) {
    if (options.acceptLegacy && 'exchange' in value) return parseLegacy(value);
    return invalid(id, 'invalid_message', `missing "op": expected one of ${OPS.join(', ')}`);
  }
  if (op === 'ping') return { op, id };
  if (op === 'subscribe' || op === 'unsubscribe') {
    const streams = parseStreams(value.streams, id);
    if (!Array.isArray(streams)) return streams;
    if (op === 'unsubscribe') return { op, id, streams };
    const history = value.history ?? 0;
    if (
      typeof history !== 'number' ||
      !Number.isSafeInteger(history) ||
      history < 0 ||
      history > options.maxHistory
    ) {
      return invalid(
        id,
        'invalid_history',
        `"history" must be an integer from 0 to ${options.maxHistory}, got ${describeValue(history)}`,
      );
    }
    return { op, id, streams, history };
  }
  return invalid(id, 'unknown_op', `unknown op ${describeValue(op)}: expected one of ${OPS.join(', ')}`);
}

/** The text of a WebSocket message (ws hands a Buffer, an ArrayBuffer or fragments). */
export function textOf(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

/** Longest `id` echoed in replies. */
export const MAX_ID_LENGTH = 128;

/** The request's `id` when the text is a JSON object with a usable one (for replies to messages not acted on). */
export function peekRequestId(text: string): MessageId | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const id = value.id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  if (typeof id === 'string' && id.length <= MAX_ID_LENGTH) return id;
  return undefined;
}
