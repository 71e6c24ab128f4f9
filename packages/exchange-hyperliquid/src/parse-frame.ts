import type { MarketType, StreamRef, VenueEvent } from '@ohlcv/core';
import { candleFromRow } from './candle-row';
import { intervalFromHyperliquid } from './hyperliquid-interval';
import { isRecord, snippet } from './values';

const IGNORE: readonly VenueEvent[] = Object.freeze([{ type: 'ignore' }]) as readonly VenueEvent[];
const PONG: readonly VenueEvent[] = Object.freeze([{ type: 'pong' }]) as readonly VenueEvent[];

const ALREADY_SUBSCRIBED = 'Already subscribed: ';
const ALREADY_UNSUBSCRIBED = 'Already unsubscribed: ';
const PARSE_ERROR = 'Error parsing JSON into valid websocket request: ';

function errorEvent(market: MarketType, message: string, frame: string): VenueEvent[] {
  return [{ type: 'error', message: `hyperliquid ${market}: ${message}: ${snippet(frame)}` }];
}

/** The stream of a `{"type":"candle","coin","interval"}` subscription object; undefined for other types. */
function candleStream(subscription: unknown): StreamRef | undefined {
  if (!isRecord(subscription) || subscription.type !== 'candle') return undefined;
  const coin = subscription.coin;
  const interval = intervalFromHyperliquid(subscription.interval);
  if (typeof coin !== 'string' || coin.length === 0 || interval === undefined) return undefined;
  return { symbol: coin, interval };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `{"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{…}}}` (key order varies). */
function subscriptionResponse(market: MarketType, data: unknown, frame: string): VenueEvent[] {
  if (!isRecord(data)) return errorEvent(market, 'subscriptionResponse without data', frame);
  const stream = candleStream(data.subscription);
  if (stream === undefined) return IGNORE as VenueEvent[];
  if (data.method === 'subscribe') return [{ type: 'subscribed', streams: [stream] }];
  if (data.method === 'unsubscribe') return [{ type: 'unsubscribed', streams: [stream] }];
  return errorEvent(market, `subscriptionResponse with unknown method ${JSON.stringify(data.method)}`, frame);
}

/**
 * `{"channel":"error","data":"<text>"}`. `Already subscribed: {…}` means the stream is live (not a
 * failure), `Already unsubscribed: {…}` that it is gone. A parse error quotes our frame: when that
 * frame was a candle subscribe, its stream is rejected (the venue will never serve it); otherwise
 * it is a connection-level error.
 */
function errorChannel(market: MarketType, data: unknown, frame: string): VenueEvent[] {
  if (typeof data !== 'string') return errorEvent(market, 'error frame without text', frame);
  if (data.startsWith(ALREADY_SUBSCRIBED)) {
    const stream = candleStream(parseJson(data.slice(ALREADY_SUBSCRIBED.length)));
    return stream === undefined ? (IGNORE as VenueEvent[]) : [{ type: 'subscribed', streams: [stream] }];
  }
  if (data.startsWith(ALREADY_UNSUBSCRIBED)) {
    const stream = candleStream(parseJson(data.slice(ALREADY_UNSUBSCRIBED.length)));
    return stream === undefined ? (IGNORE as VenueEvent[]) : [{ type: 'unsubscribed', streams: [stream] }];
  }
  if (data.startsWith(PARSE_ERROR)) {
    const request = parseJson(data.slice(PARSE_ERROR.length));
    const stream =
      isRecord(request) && request.method === 'subscribe' ? candleStream(request.subscription) : undefined;
    if (stream !== undefined) return [{ type: 'rejected', streams: [stream], message: data }];
  }
  return [{ type: 'error', message: `hyperliquid ${market}: ${data}` }];
}

function candleEvents(market: MarketType, data: unknown, frame: string): VenueEvent[] {
  // The docs type `data` as Candle[]; the wire sends one object. Accept both.
  if (isRecord(data)) {
    const candle = candleFromRow(market, data, false);
    return typeof candle === 'string' ? errorEvent(market, candle, frame) : [{ type: 'candle', candle }];
  }
  if (!Array.isArray(data)) return errorEvent(market, 'candle frame without data', frame);
  const events: VenueEvent[] = [];
  for (const row of data) {
    const candle = isRecord(row) ? candleFromRow(market, row, false) : 'candle row is not an object';
    events.push(
      typeof candle === 'string' ? errorEvent(market, candle, frame)[0]! : { type: 'candle', candle },
    );
  }
  return events.length === 0 ? (IGNORE as VenueEvent[]) : events;
}

/** A frame that cannot be JSON: it starts with neither `{`, `[` nor whitespace. */
function isPlainText(frame: string): boolean {
  const first = frame.charCodeAt(0);
  return (
    first !== 123 /* { */ &&
    first !== 91 /* [ */ &&
    first !== 32 &&
    first !== 10 &&
    first !== 13 &&
    first !== 9
  );
}

/**
 * Translates one frame of a `/ws` socket. Candles are always `closed: false`: the venue has no
 * closed flag, the engine closes by rollover. Never throws: malformed frames become `error` events;
 * a plain-text notice (the old `Websocket connection established.` greeting) is ignored.
 */
export function parseHyperliquidFrame(market: MarketType, frame: string): VenueEvent[] {
  if (isPlainText(frame)) return IGNORE as VenueEvent[];
  const message = parseJson(frame);
  if (message === undefined) return errorEvent(market, 'frame is not JSON', frame);
  if (!isRecord(message)) return errorEvent(market, 'frame is not a JSON object', frame);
  switch (message.channel) {
    case 'candle':
      return candleEvents(market, message.data, frame);
    case 'pong':
      return PONG as VenueEvent[];
    case 'subscriptionResponse':
      return subscriptionResponse(market, message.data, frame);
    case 'error':
      return errorChannel(market, message.data, frame);
    default:
      return typeof message.channel === 'string'
        ? (IGNORE as VenueEvent[])
        : errorEvent(market, 'frame without channel', frame);
  }
}
