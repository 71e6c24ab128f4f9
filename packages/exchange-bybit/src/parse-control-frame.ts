import type { MarketType, StreamRef, VenueEvent } from '@ohlcv/core';
import { parseKlineTopic } from './kline-topic';

const ALREADY_SUBSCRIBED = 'already subscribed';
const TOPIC_MARKER = 'topic:';
const INVALID_SYMBOL = 'Invalid symbol :[';

/**
 * Acks and pongs: `{"success":…,"ret_msg":…,"conn_id":…,"req_id":…,"op":…}`, one per request frame.
 * A refused subscribe fails every topic of its frame (the socket stays up): `rejected` carries the
 * frame's request id and, where `ret_msg` names topics, those streams too.
 * `error:already subscribed,topic:…` is not a failure — the first subscription keeps delivering —
 * so it becomes `subscribed` for the request and the named topic.
 */
export function parseControlFrame(market: MarketType, message: Record<string, unknown>): VenueEvent {
  const op = message.op;
  const success = message.success === true;
  const retMsg = typeof message.ret_msg === 'string' ? message.ret_msg : '';
  const requestId = parseRequestId(message.req_id);

  if (op === 'ping' || op === 'pong') {
    return success || retMsg === 'pong' || op === 'pong'
      ? { type: 'pong' }
      : { type: 'error', message: `bybit ${market} ping refused: ${retMsg}` };
  }
  if (op === 'subscribe') {
    if (success) return { type: 'subscribed', requestId };
    const streams = namedStreams(retMsg);
    if (retMsg.includes(ALREADY_SUBSCRIBED)) return { type: 'subscribed', requestId, streams };
    return { type: 'rejected', requestId, streams, message: retMsg || 'subscribe refused without a message' };
  }
  if (op === 'unsubscribe') {
    if (success) return { type: 'unsubscribed', requestId };
    return { type: 'error', requestId, message: `bybit ${market} unsubscribe refused: ${retMsg}` };
  }
  if (!success && message.success === false) {
    return { type: 'error', requestId, message: `bybit ${market} ${String(op)} refused: ${retMsg}` };
  }
  return { type: 'ignore' };
}

/** The engine's numeric request id from the echoed `req_id` string; undefined for `""`, absent or foreign ids. */
function parseRequestId(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value !== 'string' || value === '' || value.length > 16) return undefined;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 48 || code > 57) return undefined;
  }
  return Number(value);
}

/**
 * Kline streams named by a refusal: `error:handler not found,topic:kline.1.X`,
 * `error:already subscribed,topic:kline.1.X` or `Invalid symbol :[kline.1.X,kline.5.Y]`.
 */
function namedStreams(retMsg: string): StreamRef[] | undefined {
  const topics: string[] = [];
  const bracket = retMsg.indexOf(INVALID_SYMBOL);
  if (bracket >= 0) {
    const close = retMsg.indexOf(']', bracket);
    const inside = retMsg.slice(bracket + INVALID_SYMBOL.length, close < 0 ? undefined : close);
    for (const topic of inside.split(',')) topics.push(topic.trim());
  } else {
    const marker = retMsg.indexOf(TOPIC_MARKER);
    if (marker >= 0) {
      const rest = retMsg.slice(marker + TOPIC_MARKER.length);
      for (const topic of rest.split(',')) topics.push(topic.trim());
    }
  }
  const streams: StreamRef[] = [];
  for (const topic of topics) {
    const stream = parseKlineTopic(topic);
    if (stream !== undefined) streams.push(stream);
  }
  return streams.length > 0 ? streams : undefined;
}
