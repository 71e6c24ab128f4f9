import type { InstrumentIndex, MarketType, StreamRef, VenueEvent } from '@ohlcv/core';
import { candleOfRow } from './candle-row';
import { intervalOfChannel } from './okx-intervals';
import { requestIdOf, streamOfArg, streamOfErrorMessage } from './stream-ref';
import { isRecord, snippet } from './values';

/** 60018: unknown instId, wrong channel or wrong URL for that arg. */
const STREAM_REJECTED_CODE = '60018';
/** Service upgrade: "The connection will soon be closed for a service upgrade. Please reconnect." */
const RECONNECT_NOTICE_CODE = '64008';

function errorEvent(market: MarketType, message: string, frame: string): VenueEvent[] {
  return [{ type: 'error', message: `okx ${market}: ${message}: ${snippet(frame)}` }];
}

function withRequestId<T extends VenueEvent & { requestId?: number }>(
  event: T,
  requestId: number | undefined,
): T {
  if (requestId !== undefined) event.requestId = requestId;
  return event;
}

function acknowledged(type: 'subscribed' | 'unsubscribed', message: Record<string, unknown>): VenueEvent[] {
  const stream = streamOfArg(message.arg);
  const event: { type: 'subscribed' | 'unsubscribed'; requestId?: number; streams?: StreamRef[] } = { type };
  if (stream !== undefined) event.streams = [stream];
  return [withRequestId(event, requestIdOf(message.id))];
}

function venueError(market: MarketType, message: Record<string, unknown>, frame: string): VenueEvent[] {
  const code =
    typeof message.code === 'string' || typeof message.code === 'number' ? String(message.code) : undefined;
  const text = typeof message.msg === 'string' ? message.msg : undefined;
  if (code === undefined || text === undefined)
    return errorEvent(market, 'error event without code or msg', frame);
  const requestId = requestIdOf(message.id);
  if (code === STREAM_REJECTED_CODE) {
    const stream = streamOfArg(message.arg) ?? streamOfErrorMessage(text);
    // Without a stream we can name, the whole request is reported refused (exact for one-arg requests).
    if (stream !== undefined)
      return [withRequestId({ type: 'rejected', streams: [stream], message: text, code }, requestId)];
    if (requestId !== undefined) return [{ type: 'rejected', requestId, message: text, code }];
  }
  return [withRequestId({ type: 'error', message: `okx ${market}: ${text}`, code }, requestId)];
}

function controlEvent(market: MarketType, message: Record<string, unknown>, frame: string): VenueEvent[] {
  switch (message.event) {
    case 'subscribe':
      return acknowledged('subscribed', message);
    case 'unsubscribe':
      return acknowledged('unsubscribed', message);
    case 'error':
      return venueError(market, message, frame);
    case 'notice':
      if (String(message.code) === RECONNECT_NOTICE_CODE) {
        const text = typeof message.msg === 'string' ? message.msg : 'service upgrade';
        return [{ type: 'reconnect', reason: `okx ${market} notice ${RECONNECT_NOTICE_CODE}: ${text}` }];
      }
      return [{ type: 'ignore' }];
    default:
      // login, channel-conn-count and other events that carry nothing for candle streams.
      return [{ type: 'ignore' }];
  }
}

function candlePush(
  market: MarketType,
  arg: Record<string, unknown>,
  data: unknown[],
  frame: string,
): VenueEvent[] {
  const channel = arg.channel;
  const symbol = arg.instId;
  if (typeof channel !== 'string' || typeof symbol !== 'string' || symbol.length === 0) {
    return errorEvent(market, 'push without channel or instId', frame);
  }
  const interval = intervalOfChannel(channel);
  if (interval === undefined) {
    // Only candle channels are subscribed here; anything else is not ours to translate.
    return channel.startsWith('candle')
      ? errorEvent(market, `push of unknown channel ${channel}`, frame)
      : [{ type: 'ignore' }];
  }
  const events: VenueEvent[] = new Array(data.length);
  let newestOpenTime = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < data.length; index++) {
    const row = data[index];
    const candle = Array.isArray(row)
      ? candleOfRow(market, symbol, interval, row)
      : 'candle row is not an array';
    if (typeof candle === 'string') {
      events[index] = {
        type: 'error',
        message: `okx ${market}: ${symbol} ${channel}: ${candle}: ${snippet(frame)}`,
      };
    } else {
      events[index] = { type: 'candle', candle };
      if (candle.openTime > newestOpenTime) newestOpenTime = candle.openTime;
    }
  }
  if (data.length > 1) closeUnflaggedOlderRows(events, data, newestOpenTime);
  return events;
}

/** A 7-element row (no confirm) is final once a newer row of the same push exists. */
function closeUnflaggedOlderRows(events: VenueEvent[], data: unknown[], newestOpenTime: number): void {
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    const row = data[index];
    if (
      event.type === 'candle' &&
      Array.isArray(row) &&
      row.length < 9 &&
      event.candle.openTime < newestOpenTime
    ) {
      event.candle.closed = true;
    }
  }
}

/**
 * Translates one frame of a `/ws/v5/business` connection. The text `pong` (never JSON) answers our
 * text `ping`. Never throws: malformed frames become `error` events.
 */
export function parseOkxFrame(
  market: MarketType,
  frame: string,
  _instruments?: InstrumentIndex,
): VenueEvent[] {
  if (frame === 'pong') return [{ type: 'pong' }];
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    return errorEvent(market, 'frame is not JSON', frame);
  }
  if (!isRecord(message)) return errorEvent(market, 'frame is not a JSON object', frame);
  if (typeof message.event === 'string') return controlEvent(market, message, frame);
  const arg = message.arg;
  const data = message.data;
  if (isRecord(arg) && Array.isArray(data)) return candlePush(market, arg, data, frame);
  return errorEvent(market, 'unrecognized message', frame);
}
