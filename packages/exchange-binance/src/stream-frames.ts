import { type MarketType, OhlcvError, type StreamRef } from '@ohlcv/core';
import { binanceInterval } from './binance-interval';

/** `<lowercase symbol>@kline_<interval>`: Binance acks upper-case names and then sends nothing. */
export function binanceStreamName(market: MarketType, stream: StreamRef): string {
  return `${stream.symbol.toLowerCase()}@kline_${binanceInterval(market, stream.interval)}`;
}

function controlFrame(
  method: 'SUBSCRIBE' | 'UNSUBSCRIBE',
  market: MarketType,
  streams: readonly StreamRef[],
  requestId: number,
): string {
  if (streams.length === 0) {
    throw new OhlcvError(`binance ${market} ${method} needs at least one stream`, { code: 'invalid_stream' });
  }
  if (!Number.isSafeInteger(requestId) || requestId < 0) {
    throw new OhlcvError(`binance ${method} request id must be an unsigned integer, got ${requestId}`, {
      code: 'invalid_stream',
    });
  }
  const params: string[] = new Array(streams.length);
  for (let index = 0; index < streams.length; index++) {
    params[index] = binanceStreamName(market, streams[index]!);
  }
  return JSON.stringify({ method, params, id: requestId });
}

/** `{"method":"SUBSCRIBE","params":["btcusdt@kline_1m"],"id":1}` */
export function binanceSubscribeFrame(
  market: MarketType,
  streams: readonly StreamRef[],
  requestId: number,
): string {
  return controlFrame('SUBSCRIBE', market, streams, requestId);
}

export function binanceUnsubscribeFrame(
  market: MarketType,
  streams: readonly StreamRef[],
  requestId: number,
): string {
  return controlFrame('UNSUBSCRIBE', market, streams, requestId);
}
