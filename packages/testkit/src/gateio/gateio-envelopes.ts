/**
 * Gate WebSocket reply envelopes as captured on the wire: acks carry `conn_id`, `trace_id` and the
 * `payload` echo; failures add `error:{code,message}` and `result:{"status":"fail"}`.
 */
import { hashString } from '../sim/candle-generator';

export interface GateRequest {
  id?: number;
  channel: string;
  event: string;
  payload?: unknown;
}

function hex(seed: string, length: number): string {
  let out = '';
  let round = 0;
  while (out.length < length) out += hashString(`${seed}#${round++}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/** A connection's `conn_id` (16 hex characters). */
export function connectionIdOf(connectionNumber: number): string {
  return hex(`gate-conn-${connectionNumber}`, 16);
}

function header(nowMs: number, request: GateRequest | undefined, connId: string): Record<string, unknown> {
  const head: Record<string, unknown> = { time: Math.floor(nowMs / 1000), time_ms: nowMs };
  if (request?.id !== undefined) head.id = request.id;
  head.conn_id = connId;
  return head;
}

export function ackFrame(nowMs: number, connId: string, traceSeed: string, request: GateRequest): string {
  const frame = header(nowMs, request, connId);
  frame.trace_id = hex(traceSeed, 32);
  frame.channel = request.channel;
  frame.event = request.event;
  if (request.payload !== undefined) frame.payload = request.payload;
  frame.result = { status: 'success' };
  return JSON.stringify(frame);
}

export function failureFrame(
  nowMs: number,
  connId: string,
  traceSeed: string,
  request: GateRequest,
  code: number,
  message: string,
): string {
  const frame = header(nowMs, request, connId);
  frame.trace_id = hex(traceSeed, 32);
  frame.channel = request.channel;
  frame.event = request.event;
  if (request.payload !== undefined) frame.payload = request.payload;
  frame.error = { code, message };
  frame.result = { status: 'fail' };
  return JSON.stringify(frame);
}

export function pongFrame(nowMs: number, connId: string, request: GateRequest, pongChannel: string): string {
  const frame = header(nowMs, request, connId);
  frame.channel = pongChannel;
  frame.event = '';
  frame.result = null;
  return JSON.stringify(frame);
}

/** Futures answer to a non-JSON text frame (the socket stays open). */
export function notJsonFrame(nowMs: number, connId: string): string {
  const frame = header(nowMs, undefined, connId);
  frame.channel = '';
  frame.event = '';
  frame.error = { code: 1, message: 'request message need json scheme' };
  frame.result = null;
  return JSON.stringify(frame);
}

/** A push: `{"time","time_ms","channel","event":"update","result":…}`. */
export function updateFrame(nowMs: number, channel: string, result: unknown): string {
  return JSON.stringify({ time: Math.floor(nowMs / 1000), time_ms: nowMs, channel, event: 'update', result });
}
