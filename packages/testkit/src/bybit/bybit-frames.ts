import type { CandleGenerator } from '../sim/candle-generator';
import type { KlinePush } from '../sim/stream-registry';
import { candleValues } from './bybit-candle-values';
import type { BybitCategory } from './bybit-instruments';
import { intervalId } from './bybit-intervals';

/** A uuid-shaped, deterministic `conn_id` per connection. */
export function connectionIdOf(id: number): string {
  return `5e1b6c0a-7d2f-4c1e-9a3b-${id.toString(16).padStart(12, '0')}`;
}

/**
 * Ack of one request frame. Spot: `{"success":true,"ret_msg":"subscribe","conn_id":…,"req_id":…,"op":"subscribe"}`;
 * linear/inverse: `ret_msg` "" and `req_id` always present ("" when the client sent none).
 */
export function ackFrame(
  category: BybitCategory,
  connId: string,
  op: string,
  requestId: string | undefined,
): string {
  return JSON.stringify({
    success: true,
    ret_msg: category === 'spot' ? op : '',
    conn_id: connId,
    req_id: requestId ?? '',
    op,
  });
}

/** Pong: spot carries no `req_id` unless the ping had one; contracts always carry it. */
export function pongFrame(category: BybitCategory, connId: string, requestId: string | undefined): string {
  if (category === 'spot' && requestId === undefined) {
    return JSON.stringify({ success: true, ret_msg: 'pong', conn_id: connId, op: 'ping' });
  }
  return JSON.stringify({
    success: true,
    ret_msg: 'pong',
    conn_id: connId,
    req_id: requestId ?? '',
    op: 'ping',
  });
}

/** `{"success":false,"ret_msg":…,"conn_id":…,"op":…}`; `req_id` only when the client sent one. */
export function failureFrame(
  connId: string,
  op: string,
  retMsg: string,
  requestId: string | undefined,
): string {
  return requestId === undefined
    ? JSON.stringify({ success: false, ret_msg: retMsg, conn_id: connId, op })
    : JSON.stringify({ success: false, ret_msg: retMsg, conn_id: connId, req_id: requestId, op });
}

/** `kline.{id}.{symbol}` */
function klineTopic(push: KlinePush): string {
  return `kline.${intervalId(push.stream.interval)}.${push.stream.symbol}`;
}

/** `{"topic":"kline.5.BTCUSDT","data":[{start,end,interval,open,close,high,low,volume,turnover,confirm,timestamp}],"ts":…,"type":"snapshot"}` */
export function encodeKlinePush(
  category: BybitCategory,
  push: KlinePush,
  generator: CandleGenerator,
): string {
  const state = push.state;
  const values = candleValues(category, state, generator);
  const id = intervalId(state.interval);
  return (
    `{"topic":"kline.${id}.${state.symbol}","data":[{"start":${state.openTime},"end":${state.closeTime},` +
    `"interval":"${id}","open":"${values.open}","close":"${values.close}","high":"${values.high}",` +
    `"low":"${values.low}","volume":"${values.volume}","turnover":"${values.turnover}",` +
    `"confirm":${push.final},"timestamp":${push.eventTime}}],"ts":${push.eventTime},"type":"snapshot"}`
  );
}

/** Malformed frames for the `malformedFrames` fault: truncated JSON, then a wrong shape. */
export function malformedKlineFrame(push: KlinePush, index: number): string {
  const topic = klineTopic(push);
  return index % 2 === 0
    ? `{"topic":"${topic}","data":[{"start":${push.state.openTime},"open":"`
    : `{"topic":"${topic}","data":{"confirm":"maybe"},"ts":${push.eventTime},"type":"snapshot"}`;
}
