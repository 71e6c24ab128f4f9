import type { MarketType, VenueEvent } from '@ohlcv/core';
import { parseControlFrame } from './parse-control-frame';
import { parseKlinePush } from './parse-kline-push';

/** One inbound Bybit frame → events. One JSON.parse, never throws. */
export function parseFrame(market: MarketType, frame: string): VenueEvent[] {
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    return [{ type: 'error', message: `bybit ${market}: frame is not JSON: ${frame.slice(0, 200)}` }];
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return [
      { type: 'error', message: `bybit ${market}: frame is not a JSON object: ${frame.slice(0, 200)}` },
    ];
  }
  const record = message as Record<string, unknown>;
  const topic = record.topic;
  if (typeof topic === 'string') {
    return topic.startsWith('kline.') ? parseKlinePush(market, topic, record.data) : [{ type: 'ignore' }];
  }
  if (typeof record.op === 'string') return [parseControlFrame(market, record)];
  return [{ type: 'ignore' }];
}
