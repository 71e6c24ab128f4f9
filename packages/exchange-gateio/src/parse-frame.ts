import type { InstrumentIndex, MarketType, VenueEvent } from '@ohlcv/core';
import { parseAck } from './parse-ack';
import { parseFuturesPush, parseSpotPush } from './parse-candle-push';
import { isRecord } from './parse-number';

function errorEvent(message: string, code?: string): VenueEvent[] {
  const event: VenueEvent = { type: 'error', message };
  if (code !== undefined) event.code = code;
  return [event];
}

/** Translate one inbound Gate frame. Never throws: malformed frames become `error` events. */
export function parseFrame(market: MarketType, frame: string, instruments?: InstrumentIndex): VenueEvent[] {
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    return errorEvent(`gateio ${market}: frame is not JSON: ${frame.slice(0, 200)}`, 'malformed_frame');
  }
  if (!isRecord(message)) {
    return errorEvent(`gateio ${market}: frame is not an object: ${frame.slice(0, 200)}`, 'malformed_frame');
  }
  const channel = message.channel;
  const event = message.event;
  if (event === 'update') {
    if (market === 'spot' && channel === 'spot.candlesticks') {
      const out: VenueEvent[] = [];
      parseSpotPush(message.result, out);
      return out;
    }
    if (market !== 'spot' && channel === 'futures.candlesticks') {
      const out: VenueEvent[] = [];
      parseFuturesPush(market, message.result, instruments, out);
      return out;
    }
    if (channel === 'futures.system' || channel === 'spot.system') {
      const result = message.result;
      if (isRecord(result) && result.type === 'upgrade') {
        return [{ type: 'reconnect', reason: `gateio ${market}: ${String(channel)} upgrade notice` }];
      }
    }
    return [{ type: 'ignore' }];
  }
  if (event === 'subscribe' || event === 'unsubscribe') return [parseAck(message, event)];
  if (channel === 'spot.pong' || channel === 'futures.pong') return [{ type: 'pong' }];
  const error = message.error;
  if (isRecord(error)) {
    const event: VenueEvent = {
      type: 'error',
      message: `gateio ${market}: ${typeof error.message === 'string' ? error.message : JSON.stringify(error)}`,
    };
    if (error.code !== undefined) event.code = String(error.code);
    if (typeof message.id === 'number') event.requestId = message.id;
    return [event];
  }
  return [{ type: 'ignore' }];
}
