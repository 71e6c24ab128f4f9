import { type TSchema, Type } from '@sinclair/typebox';

/**
 * JSON Schemas of what a client may send, as TypeBox values: the server's validators are compiled
 * from these, and docs/schemas/*.json and docs/asyncapi.yaml are generated from them.
 */

/** Longest batching window a client may ask for, ms. */
export const MAX_BATCH_MS = 1_000;

/** Longest string `id` accepted (it is echoed in every reply). */
export const MAX_ID_LENGTH = 128;

export const MessageIdSchema = Type.Union([Type.String({ maxLength: MAX_ID_LENGTH }), Type.Number()], {
  title: 'MessageId',
  description: 'Optional request id, echoed in the replies: a string (at most 128 characters) or a number.',
});

const StreamKeySchema = Type.String({
  title: 'StreamKey',
  description:
    'exchange:market:symbol:interval, e.g. binance:spot:BTCUSDT:1m (market aliases and unified symbols accepted)',
  examples: ['binance:spot:BTCUSDT:1m', 'okx:usdm:BTC-USDT-SWAP:5m'],
});

const StreamObjectSchema = Type.Object(
  { exchange: Type.String(), market: Type.String(), symbol: Type.String(), interval: Type.String() },
  { title: 'StreamObject', description: 'The parts of a stream key as an object.' },
);

const StreamRequestSchema = Type.Union([StreamKeySchema, StreamObjectSchema], {
  title: 'StreamRequest',
});

const streams = Type.Array(StreamRequestSchema, {
  minItems: 1,
  description: 'Streams as keys or objects; each is answered on its own.',
});

/** `subscribe`; `history` is bounded by the server's --max-history. */
export function subscribeSchema(maxHistory: number): TSchema {
  return Type.Object(
    {
      op: Type.Literal('subscribe'),
      id: Type.Optional(MessageIdSchema),
      streams,
      history: Type.Optional(
        Type.Integer({
          minimum: 0,
          maximum: maxHistory,
          description: `Closed candles to receive first, 0 to --max-history (default ${maxHistory} here).`,
        }),
      ),
      batchMs: Type.Optional(
        Type.Integer({
          minimum: 0,
          maximum: MAX_BATCH_MS,
          description: `Opt-in batching for this client, ms (1 to ${MAX_BATCH_MS}; 0 = off, the default): the stream messages of each window arrive as one batch message (a window holding one message sends it as itself). Applies to all the client's streams from this message on; the subscribed reply echoes it.`,
        }),
      ),
    },
    {
      title: 'Subscribe',
      description: 'Subscribe to streams; answered by subscribed and one error per stream that failed.',
    },
  );
}

export const UnsubscribeSchema = Type.Object(
  { op: Type.Literal('unsubscribe'), id: Type.Optional(MessageIdSchema), streams },
  { title: 'Unsubscribe', description: 'Leave streams; answered by unsubscribed and not_subscribed errors.' },
);

export const PingSchema = Type.Object(
  { op: Type.Literal('ping'), id: Type.Optional(MessageIdSchema) },
  { title: 'Ping', description: 'Answered by pong with the same id.' },
);

export const LegacySubscribeSchema = Type.Object(
  {
    exchange: Type.String(),
    contract_type: Type.String({
      description: 'spot, usdm, coinm, um, cm, linear, inverse, swap, perp, futures',
    }),
    symbols: Type.Array(Type.String(), { minItems: 1 }),
    limit: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Quotes to send, then close (1000); 0 = no limit.' }),
    ),
  },
  {
    title: 'LegacySubscribe',
    description: "The older Python connector's one message per connection (1m candles as quote messages).",
  },
);

/** Every client message schema by name, as published (history at the default --max-history). */
export function clientSchemas(maxHistory = 1_000): Record<string, TSchema> {
  return {
    subscribe: subscribeSchema(maxHistory),
    unsubscribe: UnsubscribeSchema,
    ping: PingSchema,
    'legacy-subscribe': LegacySubscribeSchema,
  };
}
