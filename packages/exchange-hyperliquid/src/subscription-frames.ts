import { type MarketType, OhlcvError, type StreamRef } from '@ohlcv/core';
import { hyperliquidInterval } from './hyperliquid-interval';

/** `candle:<coin>:<interval>`, for sizing and logs (the venue has no topic string). */
export function hyperliquidStreamName(market: MarketType, stream: StreamRef): string {
  return `candle:${stream.symbol}:${hyperliquidInterval(market, stream.interval)}`;
}

function controlFrame(
  method: 'subscribe' | 'unsubscribe',
  market: MarketType,
  streams: readonly StreamRef[],
): string {
  if (streams.length !== 1) {
    throw new OhlcvError(
      `hyperliquid ${market} ${method} takes exactly one stream per frame, got ${streams.length}`,
      { code: 'invalid_stream' },
    );
  }
  const stream = streams[0]!;
  if (typeof stream.symbol !== 'string' || stream.symbol.length === 0) {
    throw new OhlcvError(`hyperliquid ${market} ${method}: invalid coin ${JSON.stringify(stream.symbol)}`, {
      code: 'invalid_symbol',
    });
  }
  const interval = hyperliquidInterval(market, stream.interval);
  return JSON.stringify({ method, subscription: { type: 'candle', coin: stream.symbol, interval } });
}

/**
 * `{"method":"subscribe","subscription":{"type":"candle","coin":"BTC","interval":"1m"}}`. The venue has
 * no request ids: acks echo the subscription and are matched by value.
 */
export function hyperliquidSubscribeFrame(market: MarketType, streams: readonly StreamRef[]): string {
  return controlFrame('subscribe', market, streams);
}

/** Same subscription object as the subscribe, as the venue requires. */
export function hyperliquidUnsubscribeFrame(market: MarketType, streams: readonly StreamRef[]): string {
  return controlFrame('unsubscribe', market, streams);
}
