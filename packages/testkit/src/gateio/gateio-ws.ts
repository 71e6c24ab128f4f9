import type { FaultState, StreamRef } from '../sim/faults';
import type { SimConnection } from '../sim/sim-server';
import type { StreamRegistry } from '../sim/stream-registry';
import type { SimulatorClock } from '../sim/virtual-clock';
import {
  ackFrame,
  connectionIdOf,
  failureFrame,
  type GateRequest,
  notJsonFrame,
  pongFrame,
} from './gateio-envelopes';
import { GateIdleWatch } from './gateio-idle-watch';
import type { GateFamily, GateInstrument } from './gateio-instruments';
import { generatedInterval, WS_INTERVAL_IDS } from './gateio-intervals';

export type Registry = StreamRegistry<string | undefined>;

export interface GateWsContext {
  clock: SimulatorClock;
  faults: FaultState;
  registries: Record<GateFamily, Registry>;
  instruments: Record<GateFamily, ReadonlyMap<string, GateInstrument>>;
  /** Real ms without a subscription or client frame after which the socket is dropped (1006). */
  idleTimeoutMs: number;
  /** Idle watch per connection, so pushes can count as traffic. */
  watches: WeakMap<SimConnection, GateIdleWatch>;
  /** When set, spot requests whose `time` is further than this from the venue clock are refused. */
  maxRequestSkewSeconds: number | undefined;
}

/**
 * Serves one socket of a path family: `spot` on `/ws/v4/`, `usdt` on `/v4/ws/usdt`, `btc` on
 * `/v4/ws/btc` (and the legacy `/v4/ws`). A futures contract of the other settle family is acked and
 * never pushed.
 */
export function serveGateSocket(context: GateWsContext, family: GateFamily, connection: SimConnection): void {
  const prefix = family === 'spot' ? 'spot' : 'futures';
  const connId = connectionIdOf(connection.id);
  const registry = context.registries[family];
  let requests = 0;
  const idle = new GateIdleWatch(
    connection,
    context.idleTimeoutMs,
    () => registry.topics(connection).length > 0,
  );
  context.watches.set(connection, idle);
  const send = (frame: string): void => {
    if (!context.faults.silenced) connection.send(frame);
  };

  connection.socket.on('close', () => registry.removeConnection(connection));
  connection.socket.on('message', (data, isBinary) => {
    idle.clientFrame();
    if (isBinary) return;
    const now = context.clock.now();
    let request: GateRequest;
    try {
      const parsed: unknown = JSON.parse(data.toString());
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      const record = parsed as Record<string, unknown>;
      request = {
        channel: typeof record.channel === 'string' ? record.channel : '',
        event: typeof record.event === 'string' ? record.event : '',
        payload: record.payload,
      };
      if (typeof record.id === 'number') request.id = record.id;
      const time = record.time;
      if (
        context.maxRequestSkewSeconds !== undefined &&
        family === 'spot' &&
        (typeof time !== 'number' || Math.abs(time - now / 1000) > context.maxRequestSkewSeconds)
      ) {
        send(
          failureFrame(
            now,
            connId,
            `${connId}/${requests++}`,
            request,
            2,
            `invalid argument: time ${String(time)}`,
          ),
        );
        return;
      }
    } catch {
      if (family !== 'spot') send(notJsonFrame(now, connId));
      return;
    }
    const trace = `${connId}/${requests++}`;
    if (request.channel === `${prefix}.ping`) {
      send(pongFrame(now, connId, request, `${prefix}.pong`));
      return;
    }
    if (request.channel !== `${prefix}.candlesticks`) {
      send(failureFrame(now, connId, trace, request, 2, `Unknown channel ${request.channel}`));
      return;
    }
    if (request.event !== 'subscribe' && request.event !== 'unsubscribe') {
      send(failureFrame(now, connId, trace, request, 2, `invalid argument: event ${request.event}`));
      return;
    }
    const payload = request.payload;
    if (
      !Array.isArray(payload) ||
      payload.length !== 2 ||
      typeof payload[0] !== 'string' ||
      typeof payload[1] !== 'string'
    ) {
      // A nested payload "connects but never pushes data": acked, nothing follows.
      send(ackFrame(now, connId, trace, request));
      return;
    }
    const [intervalId, name] = payload as [string, string];
    if (!WS_INTERVAL_IDS.has(intervalId)) {
      send(failureFrame(now, connId, trace, request, 2, `invalid argument: interval ${intervalId}`));
      return;
    }
    const topic = `${intervalId}_${name}`;
    if (request.event === 'unsubscribe') {
      registry.unsubscribe(connection, topic);
      send(ackFrame(now, connId, trace, request));
      return;
    }
    const stream = resolveStream(context, family, intervalId, name);
    if (stream === 'unknown') {
      const separator = family === 'spot' ? ': ' : ' ';
      send(failureFrame(now, connId, trace, request, 2, `unknown currency pair${separator}${name}`));
      return;
    }
    registry.subscribe(connection, topic, stream);
    send(ackFrame(now, connId, trace, request));
  });
}

/** The stream to push, `undefined` for acked-but-silent (other settle family, 10s/7d), `unknown` to refuse. */
function resolveStream(
  context: GateWsContext,
  family: GateFamily,
  intervalId: string,
  name: string,
): StreamRef | undefined | 'unknown' {
  if (context.faults.isDelisted(name)) return 'unknown';
  if (!context.instruments[family].has(name)) {
    if (family !== 'spot') {
      const other = family === 'usdt' ? 'btc' : 'usdt';
      if (context.instruments[other].has(name)) return undefined;
    }
    return 'unknown';
  }
  const interval = generatedInterval(intervalId);
  return interval === undefined ? undefined : { symbol: name, interval };
}
