import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import {
  LegacySubscribeSchema,
  MAX_BATCH_MS,
  MAX_ID_LENGTH,
  MessageIdSchema,
  PingSchema,
  subscribeSchema,
  UnsubscribeSchema,
} from './client-schemas';
import { describeValue, previewText } from './describe-value';
import type { MessageId } from './server-messages';

/** One stream as a client names it: a key string or an object of its parts. */
export type StreamRequest = string | { exchange: string; market: string; symbol: string; interval: string };

export type ClientMessage =
  | {
      op: 'subscribe';
      id: MessageId | undefined;
      streams: StreamRequest[];
      history: number;
      /** The client's batching window, ms (0 = off); undefined = unchanged. */
      batchMs: number | undefined;
    }
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

interface Validators {
  id: TypeCheck<TSchema>;
  subscribe: TypeCheck<TSchema>;
  unsubscribe: TypeCheck<TSchema>;
  ping: TypeCheck<TSchema>;
  legacy: TypeCheck<TSchema>;
}

/** Validators compiled from the published schemas, per --max-history (one or two values per process). */
const compiled = new Map<number, Validators>();

function validatorsFor(maxHistory: number): Validators {
  let validators = compiled.get(maxHistory);
  if (validators === undefined) {
    validators = {
      id: TypeCompiler.Compile(MessageIdSchema),
      subscribe: TypeCompiler.Compile(subscribeSchema(maxHistory)),
      unsubscribe: TypeCompiler.Compile(UnsubscribeSchema),
      ping: TypeCompiler.Compile(PingSchema),
      legacy: TypeCompiler.Compile(LegacySubscribeSchema),
    };
    compiled.set(maxHistory, validators);
  }
  return validators;
}

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

/** The error for the first place `value` breaks the schema, naming the field and the offending value. */
function schemaError(
  validator: TypeCheck<TSchema>,
  value: Record<string, unknown>,
  id: MessageId | undefined,
  maxHistory: number,
): InvalidClientMessage {
  const first = validator.Errors(value).First();
  const segments = (first?.path ?? '').split('/').filter((segment) => segment !== '');
  const field = segments[0] ?? '';
  const offending = field === '' ? value : value[field];
  switch (field) {
    case 'history':
      return invalid(
        id,
        'invalid_history',
        `"history" must be an integer from 0 to ${maxHistory}, got ${describeValue(offending)}`,
      );
    case 'batchMs':
      return invalid(
        id,
        'invalid_message',
        `"batchMs" must be an integer from 0 (off) to ${MAX_BATCH_MS} ms, got ${describeValue(offending)}`,
      );
    case 'streams': {
      const index = segments[1];
      if (index !== undefined && Array.isArray(offending)) {
        return invalid(
          id,
          'invalid_message',
          `streams[${index}] = ${describeValue(offending[Number(index)])} is neither "exchange:market:symbol:interval" nor {exchange, market, symbol, interval} with string values`,
        );
      }
      return invalid(id, 'invalid_message', '"streams" must be a non-empty array of stream keys or objects');
    }
    case 'exchange':
      return invalid(id, 'invalid_message', `"exchange" must be a string, got ${describeValue(offending)}`);
    case 'contract_type':
      return invalid(
        id,
        'invalid_message',
        `"contract_type" must be a string such as spot, usdm, coinm, linear, inverse, swap, got ${describeValue(offending)}`,
      );
    case 'symbols':
      return invalid(
        id,
        'invalid_message',
        `"symbols" must be a non-empty array of strings, got ${describeValue(offending)}`,
      );
    case 'limit':
      return invalid(
        id,
        'invalid_message',
        `"limit" must be an integer >= 0 (0 = unlimited), got ${describeValue(offending)}`,
      );
    default:
      return invalid(
        id,
        'invalid_message',
        `${field === '' ? 'message' : `"${field}"`}: ${first?.message ?? 'does not match the schema'}, got ${describeValue(offending)}`,
      );
  }
}

/**
 * Parses one text frame, validating it against the published JSON Schemas (compiled validators).
 * `acceptLegacy`: the first message of a connection may be the older connector's
 * `{exchange, contract_type, symbols, limit}`.
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
  const validators = validatorsFor(options.maxHistory);
  const rawId = value.id;
  if (rawId !== undefined && !validators.id.Check(rawId)) {
    return invalid(
      undefined,
      'invalid_message',
      `"id" must be a string of at most ${MAX_ID_LENGTH} characters or a number, got ${describeValue(rawId)}`,
    );
  }
  const id = rawId as MessageId | undefined;
  const op = value.op;
  if (op === undefined) {
    if (options.acceptLegacy && Object.hasOwn(value, 'exchange')) {
      if (!validators.legacy.Check(value))
        return schemaError(validators.legacy, value, undefined, options.maxHistory);
      const legacy = value as { exchange: string; contract_type: string; symbols: string[]; limit?: number };
      return {
        op: 'legacy',
        exchange: legacy.exchange,
        contractType: legacy.contract_type,
        symbols: legacy.symbols,
        limit: legacy.limit ?? 0,
      };
    }
    return invalid(id, 'invalid_message', `missing "op": expected one of ${OPS.join(', ')}`);
  }
  if (op !== 'subscribe' && op !== 'unsubscribe' && op !== 'ping') {
    return invalid(id, 'unknown_op', `unknown op ${describeValue(op)}: expected one of ${OPS.join(', ')}`);
  }
  const validator = validators[op];
  if (!validator.Check(value)) return schemaError(validator, value, id, options.maxHistory);
  if (op === 'ping') return { op, id };
  const streams = (value.streams as StreamRequest[]).map((entry) =>
    typeof entry === 'string'
      ? entry
      : { exchange: entry.exchange, market: entry.market, symbol: entry.symbol, interval: entry.interval },
  );
  if (op === 'unsubscribe') return { op, id, streams };
  return {
    op,
    id,
    streams,
    history: (value.history as number | undefined) ?? 0,
    batchMs: value.batchMs as number | undefined,
  };
}

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
