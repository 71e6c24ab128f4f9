import { INTERVALS, MARKET_TYPES } from '@ohlcv/core';
import { type TSchema, Type } from '@sinclair/typebox';
import { MessageIdSchema } from './client-schemas';

/** JSON Schemas of what the server sends (checked against real output in tests; published in docs/). */

const stream = Type.String({ description: 'Canonical stream key (native symbol).' });
const id = Type.Optional(MessageIdSchema);

const CandleSchema = Type.Object(
  {
    exchange: Type.String({
      description: 'The venue id its adapter declares, e.g. binance (GET /api/venues lists them).',
    }),
    market: Type.Union(MARKET_TYPES.map((value) => Type.Literal(value))),
    symbol: Type.String(),
    interval: Type.Union(INTERVALS.map((value) => Type.Literal(value))),
    openTime: Type.Integer({ description: 'ms since epoch, UTC' }),
    closeTime: Type.Integer(),
    open: Type.Number(),
    high: Type.Number(),
    low: Type.Number(),
    close: Type.Number(),
    volume: Type.Number(),
    quoteVolume: Type.Optional(Type.Number()),
    trades: Type.Optional(Type.Integer()),
    closed: Type.Boolean({ description: 'true once final (exactly once per candle)' }),
  },
  { title: 'Candle' },
);

const CandleMessageSchema = Type.Object(
  {
    type: Type.Literal('candle'),
    stream,
    candle: CandleSchema,
    source: Type.Union([Type.Literal('live'), Type.Literal('rest')], {
      description: "live: the venue's stream; rest: fetched over REST (history join, gap fill)",
    }),
  },
  { title: 'CandleMessage', additionalProperties: false },
);

const StalledSchema = Type.Object(
  { type: Type.Literal('stalled'), stream, silentMs: Type.Number({ minimum: 0 }) },
  { title: 'Stalled', additionalProperties: false },
);

const RecoveredSchema = Type.Object(
  { type: Type.Literal('recovered'), stream },
  { title: 'Recovered', additionalProperties: false },
);

const GapSchema = Type.Object(
  {
    type: Type.Literal('gap'),
    stream,
    from: Type.Integer({ description: 'open time of the first missing candle' }),
    to: Type.Integer({ description: 'open time of the last missing candle' }),
    reason: Type.String(),
  },
  { title: 'Gap', additionalProperties: false },
);

const ErrorSchema = Type.Object(
  {
    type: Type.Literal('error'),
    id,
    code: Type.String({ description: 'See docs/server-protocol.md "Error codes".' }),
    message: Type.String(),
    stream: Type.Optional(Type.String()),
  },
  { title: 'Error', additionalProperties: false },
);

export const SERVER_SCHEMAS: Record<string, TSchema> = {
  subscribed: Type.Object(
    {
      type: Type.Literal('subscribed'),
      id,
      streams: Type.Array(stream),
      batchMs: Type.Optional(
        Type.Integer({
          minimum: 0,
          description: "the client's batching window now (0 = off), when the subscribe set one",
        }),
      ),
    },
    { title: 'Subscribed', additionalProperties: false },
  ),
  unsubscribed: Type.Object(
    { type: Type.Literal('unsubscribed'), id, streams: Type.Array(stream) },
    { title: 'Unsubscribed', additionalProperties: false },
  ),
  candle: CandleMessageSchema,
  stalled: StalledSchema,
  recovered: RecoveredSchema,
  gap: GapSchema,
  error: ErrorSchema,
  batch: Type.Object(
    {
      type: Type.Literal('batch'),
      events: Type.Array(
        Type.Union([CandleMessageSchema, StalledSchema, RecoveredSchema, GapSchema, ErrorSchema]),
        {
          minItems: 2,
          description:
            'the stream messages of one batching window, in order, each as it is sent unbatched (a window of one message sends that message itself, not a batch)',
        },
      ),
    },
    {
      title: 'Batch',
      description:
        'Only to a client that asked for batching (subscribe batchMs > 0), for a window of two or more stream messages; a window holding one sends it as its own message, so a batching client gets both shapes.',
      additionalProperties: false,
    },
  ),
  pong: Type.Object({ type: Type.Literal('pong'), id }, { title: 'Pong', additionalProperties: false }),
};

export const LEGACY_SERVER_SCHEMAS: Record<string, TSchema> = {
  'legacy-subscribed': Type.Object(
    {
      type: Type.Literal('subscribed'),
      exchange: Type.String(),
      contract_type: Type.String(),
      symbols: Type.Array(Type.String()),
      limit: Type.Integer({ minimum: 0 }),
    },
    { title: 'LegacySubscribed', additionalProperties: false },
  ),
  'legacy-quote': Type.Object(
    {
      type: Type.Literal('quote'),
      current_time: Type.String({ description: 'send time, as the older connector wrote it (UTC)' }),
      timestamp: Type.String({
        description: "the candle's open time, as the older connector wrote it (UTC)",
      }),
      exchange: Type.String(),
      symbol: Type.String(),
      contract_type: Type.String(),
      open: Type.Number(),
      high: Type.Number(),
      low: Type.Number(),
      close: Type.Number(),
      volume: Type.Number(),
      trade_num: Type.Integer({ minimum: 0 }),
      is_closed_candle: Type.Boolean(),
    },
    { title: 'LegacyQuote', additionalProperties: false },
  ),
  'legacy-error': Type.Object(
    {
      type: Type.Literal('error'),
      message: Type.String(),
      system_message: Type.String({ description: 'the same text, as the older connector sent it' }),
      exchange: Type.Optional(Type.String()),
      contract_type: Type.Optional(Type.String()),
      symbols: Type.Optional(Type.Array(Type.String())),
      exchange_message: Type.Optional(Type.String()),
      code: Type.Optional(Type.String()),
      symbol: Type.Optional(Type.String()),
    },
    { title: 'LegacyError', additionalProperties: false },
  ),
};
