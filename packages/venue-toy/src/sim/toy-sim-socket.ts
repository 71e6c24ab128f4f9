import type { SimulatorClock } from '@ohlcv/testkit';
import { type FaultState, type SimConnection, type StreamRegistry, startIdleTimeout } from '@ohlcv/testkit';
import { checkRequestTime, MAX_TOPICS, WS_INTERVALS } from './toy-sim-protocol';

export interface ToySocketContext {
  clock: SimulatorClock;
  faults: FaultState;
  registry: StreamRegistry<string>;
  symbols: ReadonlySet<string>;
  /** Real ms a socket may stay quiet (no client frame) before the venue drops it. */
  idleTimeoutMs: number;
  maxSkewMs: number | undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Serves one client socket of the toy venue (see toy-frames.ts in the adapter for the wire format). */
export function serveToySocket(context: ToySocketContext, connection: SimConnection): void {
  const { registry, faults } = context;
  const idle = startIdleTimeout(connection, { timeoutMs: context.idleTimeoutMs, onIdle: (c) => c.drop() });
  const send = (message: Record<string, unknown>): void => {
    if (!faults.silenced) connection.send(JSON.stringify(message));
  };
  connection.socket.on('close', () => registry.removeConnection(connection));
  connection.socket.on('message', (data, isBinary) => {
    idle.touch();
    if (isBinary) return;
    let message: Record<string, unknown> | undefined;
    try {
      message = record(JSON.parse(data.toString()));
    } catch {
      message = undefined;
    }
    if (!message) {
      send({ op: 'error', message: 'not a JSON object' });
      return;
    }
    const id = typeof message.id === 'number' ? message.id : undefined;
    const refused = checkRequestTime(message.ts, context.clock.now(), context.maxSkewMs);
    if (refused) {
      send({ op: 'error', ...(id === undefined ? {} : { id }), message: refused });
      return;
    }
    if (message.op === 'ping') {
      send({ op: 'pong', ts: message.ts });
      return;
    }
    if (message.op !== 'sub' && message.op !== 'unsub') {
      send({ op: 'error', id, message: `unknown op ${JSON.stringify(message.op)}` });
      return;
    }
    const topics = message.topics;
    if (!Array.isArray(topics) || topics.length === 0 || topics.length > MAX_TOPICS) {
      send({ op: 'error', id, message: `topics must be 1 to ${MAX_TOPICS} names` });
      return;
    }
    if (message.op === 'unsub') {
      for (const topic of topics) if (typeof topic === 'string') registry.unsubscribe(connection, topic);
      send({ op: 'unsubscribed', id });
      return;
    }
    const accepted: string[] = [];
    for (const topic of topics) {
      const refusal = subscribeTopic(context, connection, topic);
      if (refusal) send({ op: 'fail', id, topic, message: refusal });
      else accepted.push(topic as string);
    }
    if (accepted.length > 0) send({ op: 'ok', id, topics: accepted });
  });
}

/** Subscribes one topic; the refusal text when the venue refuses it. */
function subscribeTopic(
  context: ToySocketContext,
  connection: SimConnection,
  topic: unknown,
): string | undefined {
  if (typeof topic !== 'string') return `topic ${JSON.stringify(topic)} is not a name`;
  const dot = topic.lastIndexOf('.');
  const symbol = topic.slice(0, dot);
  const interval = WS_INTERVALS.get(topic.slice(dot + 1));
  if (dot <= 0 || interval === undefined) return `unknown topic ${topic}`;
  if (!context.symbols.has(symbol) || context.faults.isDelisted(symbol)) return `unknown symbol ${symbol}`;
  context.registry.subscribe(connection, topic, { symbol, interval });
  return undefined;
}
