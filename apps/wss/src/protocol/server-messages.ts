/** Serializers of the control messages the server sends (candles are serialized in the stream channel). */

export type MessageId = string | number;

/** Error codes a client can receive, besides the engine's own (unknown_exchange, unsupported_interval, …). */
export type ProtocolErrorCode =
  | 'invalid_json'
  | 'invalid_message'
  | 'unknown_op'
  | 'message_too_large'
  | 'too_many_streams'
  | 'too_many_upstreams'
  | 'history_limited'
  | 'rate_limited'
  | 'not_subscribed'
  | 'invalid_history'
  | 'unknown_symbol'
  | 'internal_error';

function withId(id: MessageId | undefined): string {
  return id === undefined ? '' : `,"id":${JSON.stringify(id)}`;
}

/** `batchMs`: the client's batching window, echoed when its subscribe set one. */
export function subscribedMessage(
  id: MessageId | undefined,
  streams: readonly string[],
  batchMs?: number,
): string {
  const batch = batchMs === undefined ? '' : `,"batchMs":${batchMs}`;
  return `{"type":"subscribed"${withId(id)},"streams":${JSON.stringify(streams)}${batch}}`;
}

export function unsubscribedMessage(id: MessageId | undefined, streams: readonly string[]): string {
  return `{"type":"unsubscribed"${withId(id)},"streams":${JSON.stringify(streams)}}`;
}

export function errorMessage(
  id: MessageId | undefined,
  code: string,
  message: string,
  stream?: string,
): string {
  return JSON.stringify({
    type: 'error',
    ...(id === undefined ? {} : { id }),
    code,
    message,
    ...(stream === undefined ? {} : { stream }),
  });
}

export const PONG_MESSAGE = '{"type":"pong"}';

export function stalledMessage(stream: string, silentMs: number): string {
  return JSON.stringify({ type: 'stalled', stream, silentMs });
}

export function recoveredMessage(stream: string): string {
  return JSON.stringify({ type: 'recovered', stream });
}

export function gapMessage(stream: string, from: number, to: number, reason: string): string {
  return JSON.stringify({ type: 'gap', stream, from, to, reason });
}

/** Prefix of every candle message of `stream`: the candle's JSON, `,"source":…` and `}` complete it. */
export function candleMessagePrefix(stream: string): string {
  return `{"type":"candle","stream":${JSON.stringify(stream)},"candle":`;
}
