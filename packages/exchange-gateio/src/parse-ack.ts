import type { StreamRef, VenueEvent } from '@ohlcv/core';
import { intervalFromGate } from './intervals';
import { isRecord } from './parse-number';

/** The stream named by an ack's `payload` echo (`[interval, pair]`), when the venue sent one. */
function echoedStreams(payload: unknown): StreamRef[] | undefined {
  if (!Array.isArray(payload) || payload.length !== 2) return undefined;
  const [gateInterval, symbol] = payload as unknown[];
  if (typeof gateInterval !== 'string' || typeof symbol !== 'string') return undefined;
  const interval = intervalFromGate(gateInterval);
  return interval === undefined ? undefined : [{ symbol, interval }];
}

/**
 * A reply to `subscribe`/`unsubscribe`. Success: `error` null/absent and `result.status` "success".
 * Failure: `error:{code,message}` with `result:{"status":"fail"}` (wire) or `result:null` (docs).
 */
export function parseAck(message: Record<string, unknown>, event: 'subscribe' | 'unsubscribe'): VenueEvent {
  const requestId = typeof message.id === 'number' ? message.id : undefined;
  const streams = echoedStreams(message.payload);
  const error = message.error;
  const result = message.result;
  const failed = (error !== null && error !== undefined) || (isRecord(result) && result.status !== 'success');
  if (!failed) {
    const ack: { type: 'subscribed' | 'unsubscribed'; requestId?: number; streams?: StreamRef[] } = {
      type: event === 'subscribe' ? 'subscribed' : 'unsubscribed',
    };
    if (requestId !== undefined) ack.requestId = requestId;
    if (streams !== undefined) ack.streams = streams;
    return ack as VenueEvent;
  }
  const venueMessage = isRecord(error) && typeof error.message === 'string' ? error.message : undefined;
  const code = isRecord(error) && error.code !== undefined ? String(error.code) : undefined;
  const rejected: VenueEvent = {
    type: 'rejected',
    message: venueMessage ?? `${event} failed: ${JSON.stringify(message).slice(0, 200)}`,
  };
  if (requestId !== undefined) rejected.requestId = requestId;
  if (streams !== undefined) rejected.streams = streams;
  if (code !== undefined) rejected.code = code;
  return rejected;
}
