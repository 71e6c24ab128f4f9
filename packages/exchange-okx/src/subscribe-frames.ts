import { type MarketType, OhlcvError, type StreamRef } from '@ohlcv/core';
import { okxCandleChannel } from './okx-intervals';

/** The subscription arg of a stream, `{"channel":"candle1m","instId":"BTC-USDT"}` — its name for sizing and logs. */
export function okxStreamName(market: MarketType, stream: StreamRef): string {
  return JSON.stringify({ channel: okxCandleChannel(market, stream.interval), instId: stream.symbol });
}

function requestFrame(
  op: 'subscribe' | 'unsubscribe',
  market: MarketType,
  streams: readonly StreamRef[],
  requestId: number,
): string {
  if (streams.length === 0) {
    throw new OhlcvError(`okx ${market} ${op} needs at least one stream`, { code: 'invalid_stream' });
  }
  if (!Number.isSafeInteger(requestId) || requestId < 0) {
    throw new OhlcvError(`okx ${op} request id must be a non-negative integer, got ${requestId}`, {
      code: 'invalid_stream',
    });
  }
  // The venue echoes `id` (alphanumerics, ≤ 32 chars) in acks and errors.
  let args = '';
  for (let index = 0; index < streams.length; index++) {
    args += (index === 0 ? '' : ',') + okxStreamName(market, streams[index]!);
  }
  return `{"id":"${requestId}","op":"${op}","args":[${args}]}`;
}

/** `{"id":"7","op":"subscribe","args":[{"channel":"candle1m","instId":"BTC-USDT"}]}` */
export function okxSubscribeFrame(
  market: MarketType,
  streams: readonly StreamRef[],
  requestId: number,
): string {
  return requestFrame('subscribe', market, streams, requestId);
}

export function okxUnsubscribeFrame(
  market: MarketType,
  streams: readonly StreamRef[],
  requestId: number,
): string {
  return requestFrame('unsubscribe', market, streams, requestId);
}

/** `<wsBase>/ws/v5/business`: candles exist only on the business path (on `/public` they fail with 60018). */
export function okxConnectUrl(_market: MarketType, wsBase: string): string {
  return `${wsBase.replace(/\/+$/, '')}/ws/v5/business`;
}
