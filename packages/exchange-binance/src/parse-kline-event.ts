import type { Candle, InstrumentIndex, MarketType, VenueEvent } from '@ohlcv/core';
import { candleOfKlineFields, emptyKlineFields } from './kline-fields';
import { decimal, integer, isRecord } from './venue-values';

const SNIPPET_LENGTH = 120;

function snippet(frame: string): string {
  return frame.length > SNIPPET_LENGTH ? `${frame.slice(0, SNIPPET_LENGTH)}…` : frame;
}

function errorEvent(market: MarketType, message: string, frame: string): VenueEvent[] {
  return [{ type: 'error', message: `binance ${market}: ${message}: ${snippet(frame)}` }];
}

/** Reused by every call (the parse is synchronous): the fields are read into it, then built. */
const plainFields = emptyKlineFields();

/**
 * Candle of a kline payload `{"e":"kline","s":…,"k":{…}}`, or a message saying what is wrong
 * (volume per market: `candleOfKlineFields`).
 */
export function klineCandle(
  market: MarketType,
  payload: Record<string, unknown>,
  instruments: InstrumentIndex | undefined,
): Candle | string {
  const kline = payload.k;
  if (!isRecord(kline)) return 'kline event without "k"';
  const fields = plainFields;
  fields.symbol = typeof kline.s === 'string' ? kline.s : payload.s;
  fields.intervalId = kline.i;
  fields.openTime = integer(kline.t);
  fields.closeTime = integer(kline.T);
  fields.open = decimal(kline.o);
  fields.high = decimal(kline.h);
  fields.low = decimal(kline.l);
  fields.close = decimal(kline.c);
  fields.v = decimal(kline.v);
  fields.q = decimal(kline.q);
  fields.trades = integer(kline.n);
  fields.closed = kline.x;
  return candleOfKlineFields(market, fields, instruments);
}

function controlResponse(market: MarketType, message: Record<string, unknown>, frame: string): VenueEvent[] {
  const id = message.id;
  const requestId = typeof id === 'number' ? id : undefined;
  if ('result' in message) {
    // `{"result":null,"id":N}` acks SUBSCRIBE and UNSUBSCRIBE alike; the engine knows which from the id.
    if (message.result === null && requestId !== undefined) return [{ type: 'subscribed', requestId }];
    return [{ type: 'ignore' }];
  }
  const failure = isRecord(message.error) ? message.error : message;
  const code = failure.code;
  const text = failure.msg;
  if ((typeof code === 'number' || typeof code === 'string') && typeof text === 'string') {
    const venueCode = String(code);
    // Code 4 "Too many subscriptions": the request's streams were refused (the venue then closes 1008).
    if (venueCode === '4' && requestId !== undefined) {
      return [{ type: 'rejected', requestId, message: text, code: venueCode }];
    }
    return requestId === undefined
      ? [{ type: 'error', message: `binance ${market}: ${text}`, code: venueCode }]
      : [{ type: 'error', message: `binance ${market}: ${text}`, code: venueCode, requestId }];
  }
  return errorEvent(market, 'unrecognized message', frame);
}

/**
 * Translates one frame of a combined-stream connection (`{"stream","data"}`), or a raw event.
 * Never throws: malformed frames become `error` events.
 */
export function parseBinanceFrame(
  market: MarketType,
  frame: string,
  instruments?: InstrumentIndex,
): VenueEvent[] {
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    return errorEvent(market, 'frame is not JSON', frame);
  }
  if (!isRecord(message)) return errorEvent(market, 'frame is not a JSON object', frame);
  const data = message.data;
  const payload = typeof message.stream === 'string' && isRecord(data) ? data : message;
  const eventType = payload.e;
  if (eventType === 'kline') {
    const candle = klineCandle(market, payload, instruments);
    return typeof candle === 'string' ? errorEvent(market, candle, frame) : [{ type: 'candle', candle }];
  }
  if (eventType === 'serverShutdown') {
    return [{ type: 'reconnect', reason: `binance ${market} server shutdown announced (serverShutdown)` }];
  }
  if (eventType !== undefined || payload !== message) return [{ type: 'ignore' }];
  return controlResponse(market, message, frame);
}
