import type { CandleGenerator } from '../sim/candle-generator';
import type { FaultState, StreamRef } from '../sim/faults';
import { startIdleTimeout } from '../sim/heartbeat';
import type { SimConnection } from '../sim/sim-server';
import type { StreamRegistry } from '../sim/stream-registry';
import { ackFrame, connectionIdOf, encodeKlinePush, failureFrame, pongFrame } from './bybit-frames';
import type { BybitCategory } from './bybit-instruments';
import { INTERVAL_OF_ID } from './bybit-intervals';

export type BybitRegistry = StreamRegistry<string>;

/** Spot: "up to 10 args per subscription request". */
const SPOT_MAX_ARGS_PER_REQUEST = 10;

export interface BybitWsContext {
  faults: FaultState;
  generator: CandleGenerator;
  registries: Record<BybitCategory, BybitRegistry>;
  symbols: Record<BybitCategory, ReadonlySet<string>>;
  /** Real ms with neither a client ping nor data from the server after which the socket is cut. */
  idleTimeoutMs: number;
  /** Characters of topic args one connection may hold (Bybit: 21,000). */
  maxArgCharsPerConnection: number;
  /** Per connection: touches its idle timer when the server sends it data. */
  idleTimers: Map<SimConnection, { touch(): void }>;
}

type TopicCheck = { stream: StreamRef } | { error: string };

/**
 * Serves one socket on `/v5/public/{category}`: `{"op":"subscribe"|"unsubscribe","args":[…],"req_id"}`
 * with one ack per frame, `{"op":"ping"}` → pong. A frame with one refused topic fails as a whole —
 * none of its topics is registered, the socket stays up. A first snapshot of each new topic goes out
 * just before the ack (as measured on Bybit).
 */
export function serveBybitSocket(
  context: BybitWsContext,
  category: BybitCategory,
  connection: SimConnection,
): void {
  const connId = connectionIdOf(connection.id);
  const registry = context.registries[category];
  const idle = startIdleTimeout(connection, {
    timeoutMs: context.idleTimeoutMs,
    onIdle: (target) => target.drop(),
  });
  context.idleTimers.set(connection, idle);
  let argChars = 0;
  const send = (frame: string): void => {
    if (!context.faults.silenced) connection.send(frame);
  };

  connection.socket.on('close', () => {
    registry.removeConnection(connection);
    context.idleTimers.delete(connection);
  });
  connection.socket.on('message', (data, isBinary) => {
    const text = data.toString();
    let record: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      record = parsed as Record<string, unknown>;
    } catch (error) {
      if (!isBinary) {
        const reason = error instanceof Error ? error.message : String(error);
        send(failureFrame(connId, '', `Failed to decode incoming data: ${reason}`, undefined));
      }
      return;
    }
    const op = typeof record.op === 'string' ? record.op : '';
    const requestId = typeof record.req_id === 'string' ? record.req_id : undefined;
    if (op === 'ping') {
      idle.touch();
      send(pongFrame(category, connId, requestId));
      return;
    }
    if (op !== 'subscribe' && op !== 'unsubscribe') {
      send(failureFrame(connId, op, 'error:invalid op', requestId));
      return;
    }
    const args = Array.isArray(record.args)
      ? record.args.filter((arg): arg is string => typeof arg === 'string')
      : [];
    if (op === 'unsubscribe') {
      for (const topic of args) if (registry.unsubscribe(connection, topic)) argChars -= topic.length;
      send(ackFrame(category, connId, op, requestId));
      return;
    }
    if (args.length === 0) {
      send(failureFrame(connId, op, 'error:args is empty', requestId));
      return;
    }
    if (category === 'spot' && args.length > SPOT_MAX_ARGS_PER_REQUEST) {
      send(failureFrame(connId, op, `args size >${SPOT_MAX_ARGS_PER_REQUEST}`, requestId));
      return;
    }
    const subscribed = new Set(registry.topics(connection));
    const streams: StreamRef[] = [];
    let addedChars = 0;
    for (const topic of args) {
      const check = subscribed.has(topic)
        ? { error: `error:already subscribed,topic:${topic}` }
        : checkTopic(context, category, topic);
      if ('error' in check) {
        send(failureFrame(connId, op, check.error, requestId));
        return;
      }
      streams.push(check.stream);
      addedChars += topic.length;
    }
    if (argChars + addedChars > context.maxArgCharsPerConnection) {
      // The wording of this refusal is not documented.
      send(
        failureFrame(
          connId,
          op,
          `error:args length ${argChars + addedChars} exceeds the limit ${context.maxArgCharsPerConnection} of this connection`,
          requestId,
        ),
      );
      return;
    }
    for (let index = 0; index < args.length; index++) {
      const topic = args[index]!;
      const stream = streams[index]!;
      if (!registry.subscribe(connection, topic, stream)) continue;
      argChars += topic.length;
      const snapshot = registry.snapshot(stream);
      if (snapshot && !context.faults.silenced && !context.faults.isStalled(snapshot.key)) {
        send(encodeKlinePush(category, snapshot, context.generator));
        idle.touch();
      }
    }
    send(ackFrame(category, connId, op, requestId));
  });
}

/**
 * `kline.{id}.{SYMBOL}` of this category → the stream. Anything else is refused the way Bybit does:
 * an unknown topic kind, interval, a lowercase symbol or a symbol of another category → `handler not
 * found`; a symbol listed nowhere → `Invalid symbol :[topic]`.
 */
function checkTopic(context: BybitWsContext, category: BybitCategory, topic: string): TopicCheck {
  const notFound = { error: `error:handler not found,topic:${topic}` };
  const match = /^kline\.([^.]+)\.(.+)$/.exec(topic);
  if (!match) return notFound;
  const interval = INTERVAL_OF_ID.get(match[1]!);
  const symbol = match[2]!;
  if (interval === undefined) return notFound;
  if (context.faults.isDelisted(symbol)) return { error: `Invalid symbol :[${topic}]` };
  if (context.symbols[category].has(symbol)) return { stream: { symbol, interval } };
  const upper = symbol.toUpperCase();
  for (const symbols of Object.values(context.symbols)) if (symbols.has(upper)) return notFound;
  return { error: `Invalid symbol :[${topic}]` };
}
