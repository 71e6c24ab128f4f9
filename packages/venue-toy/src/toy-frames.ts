import {
  type Candle,
  closeTimeOf,
  isRecord,
  type MarketType,
  parseDecimal,
  type StreamRef,
  type VenueEvent,
} from '@ohlcv/core';
import { streamOfTopic, TOY_TOPICS_PER_FRAME, toyTopic } from './toy-market-spec';

/**
 * The toy venue's socket protocol:
 * - client: `{"op":"sub"|"unsub","id":7,"ts":<now ms>,"topics":["BTC-USD.1min"]}`, `{"op":"ping","ts":<now ms>}`;
 *   a `ts` more than 60 s from the venue's clock is refused;
 * - venue: `{"op":"ok","id":7,"topics":[…]}`, `{"op":"fail","id":7,"topic":"…","message":"…"}` per refused
 *   topic, `{"op":"unsubscribed","id":7}`, `{"op":"error","id"?:7,"message":"…"}`, `{"op":"pong","ts":…}`,
 *   `{"op":"bye","reason":"…"}` (reconnect), and pushes `{"topic":"BTC-USD.1min","k":[t,o,h,l,c,v,final]}`
 *   with prices and volume as decimal strings and `final` 1 on a candle's last push.
 */
export function toyRequestFrame(
  op: 'sub' | 'unsub',
  streams: readonly StreamRef[],
  requestId: number,
  now: number,
): string {
  if (streams.length === 0 || streams.length > TOY_TOPICS_PER_FRAME) {
    throw new RangeError(`toy takes 1 to ${TOY_TOPICS_PER_FRAME} topics per frame, got ${streams.length}`);
  }
  return JSON.stringify({ op, id: requestId, ts: Math.floor(now), topics: streams.map(toyTopic) });
}

function streamsOf(topics: unknown): StreamRef[] | undefined {
  if (!Array.isArray(topics)) return undefined;
  const streams: StreamRef[] = [];
  for (const topic of topics) {
    const stream = streamOfTopic(topic);
    if (stream) streams.push(stream);
  }
  return streams;
}

function candleOf(market: MarketType, stream: StreamRef, k: unknown): Candle | undefined {
  if (!Array.isArray(k) || k.length !== 7 || typeof k[0] !== 'number') return undefined;
  const openTime = k[0];
  const candle: Candle = {
    exchange: 'toy',
    market,
    symbol: stream.symbol,
    interval: stream.interval,
    openTime,
    closeTime: closeTimeOf(stream.interval, openTime),
    open: parseDecimal(k[1]),
    high: parseDecimal(k[2]),
    low: parseDecimal(k[3]),
    close: parseDecimal(k[4]),
    volume: parseDecimal(k[5]),
    closed: k[6] === 1,
  };
  for (const value of [candle.open, candle.high, candle.low, candle.close, candle.volume]) {
    if (!Number.isFinite(value)) return undefined;
  }
  return candle;
}

/** One inbound frame; never throws. */
export function parseToyFrame(market: MarketType, frame: string): VenueEvent[] {
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    return [{ type: 'error', message: `toy sent a frame that is not JSON: ${frame.slice(0, 80)}` }];
  }
  if (!isRecord(message)) return [{ type: 'ignore' }];
  const requestId = typeof message.id === 'number' ? message.id : undefined;
  const withId = requestId === undefined ? {} : { requestId };
  if (typeof message.topic === 'string' && 'k' in message) {
    const stream = streamOfTopic(message.topic);
    const candle = stream && candleOf(market, stream, message.k);
    return candle
      ? [{ type: 'candle', candle }]
      : [{ type: 'error', message: `toy sent a malformed push on ${message.topic}` }];
  }
  const text = typeof message.message === 'string' ? message.message : 'no message';
  switch (message.op) {
    case 'ok': {
      const streams = streamsOf(message.topics);
      return [{ type: 'subscribed', ...withId, ...(streams ? { streams } : {}) }];
    }
    case 'fail': {
      const stream = streamOfTopic(message.topic);
      return [{ type: 'rejected', ...withId, ...(stream ? { streams: [stream] } : {}), message: text }];
    }
    case 'unsubscribed':
      return [{ type: 'unsubscribed', ...withId }];
    case 'error':
      return [{ type: 'error', ...withId, message: text }];
    case 'pong':
      return [{ type: 'pong' }];
    case 'bye':
      return [{ type: 'reconnect', reason: typeof message.reason === 'string' ? message.reason : 'bye' }];
    default:
      return [{ type: 'ignore' }];
  }
}
