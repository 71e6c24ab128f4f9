import { type MarketType, OhlcvError, type StreamRef } from '@ohlcv/core';
import { gateInterval } from './intervals';
import { candlesChannel } from './market-paths';
import { requestTimeSeconds } from './request-time';

const INT32_MAX = 0x7fffffff;

/** Gate's name for a stream, as pushes spell it in `n`: `<interval>_<pair>`, e.g. `1m_BTC_USDT`. */
export function streamName(_market: MarketType, stream: StreamRef): string {
  return `${gateInterval(stream.interval)}_${stream.symbol}`;
}

/** A subscribe frame: `{"time","id","channel","event":"subscribe","payload":[interval, pair]}`. */
export function subscribeFrame(
  market: MarketType,
  streams: readonly StreamRef[],
  requestId: number,
  now: number,
): string {
  return requestFrame(market, 'subscribe', streams, requestId, now);
}

export function unsubscribeFrame(
  market: MarketType,
  streams: readonly StreamRef[],
  requestId: number,
  now: number,
): string {
  return requestFrame(market, 'unsubscribe', streams, requestId, now);
}

function requestFrame(
  market: MarketType,
  event: 'subscribe' | 'unsubscribe',
  streams: readonly StreamRef[],
  requestId: number,
  now: number,
): string {
  if (streams.length !== 1) {
    throw new OhlcvError(`gateio takes one stream per ${event} frame, got ${streams.length}`, {
      code: 'limit_exceeded',
    });
  }
  if (!Number.isInteger(requestId) || requestId < 0 || requestId > INT32_MAX) {
    throw new OhlcvError(`gateio request id must be an int32, got ${requestId}`, { code: 'limit_exceeded' });
  }
  const stream = streams[0]!;
  return JSON.stringify({
    time: requestTimeSeconds(now),
    id: requestId,
    channel: candlesChannel(market),
    event,
    payload: [gateInterval(stream.interval), stream.symbol],
  });
}
