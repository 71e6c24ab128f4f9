import type { MarketType, StreamRef } from '@ohlcv/core';
import { klineTopic } from './kline-topic';

/**
 * `{"op":"subscribe","args":[…],"req_id":"7"}`. The engine's numeric request id travels as the
 * `req_id` string; Bybit echoes it in the ack (one ack per frame), and `parse` reads it back.
 */
export function subscribeFrame(market: MarketType, streams: readonly StreamRef[], requestId: number): string {
  return requestFrame('subscribe', market, streams, requestId);
}

export function unsubscribeFrame(
  market: MarketType,
  streams: readonly StreamRef[],
  requestId: number,
): string {
  return requestFrame('unsubscribe', market, streams, requestId);
}

function requestFrame(
  op: 'subscribe' | 'unsubscribe',
  market: MarketType,
  streams: readonly StreamRef[],
  requestId: number,
): string {
  const args: string[] = [];
  for (const stream of streams) args.push(klineTopic(market, stream));
  return JSON.stringify({ op, args, req_id: String(requestId) });
}
