/**
 * OKX WebSocket (venue doc §3.0 "Subscribe", "Heartbeat / connection rules", "Candle channel"; §6):
 * - `/ws/v5/business` serves candle channels; `/ws/v5/public` answers candle subscribes with 60018.
 * - `{"op":"subscribe","args":[…],"id":"…"}`: one ack per arg `{"id","event":"subscribe","arg","connId"}`;
 *   an unknown instId or channel fails that arg alone with `{"event":"error","code":"60018","msg":…}`.
 * - Text `ping` → text `pong`; a JSON `"ping"` → 60012 `Illegal request: "ping"`.
 * - 480 subscribe/unsubscribe/login requests per connection per hour → 60014 (which code OKX uses
 *   is unconfirmed); args above 64 KB → close 1009.
 * - No frame pushed to a client for `idleTimeoutMs` (30 s) → close 4004 "No data received in 30s.".
 * - Pushes `{"arg":{"channel","instId"},"data":[[9 strings]]}` every `cadenceMs` and one final push
 *   with confirm "1" at each candle close.
 */
import type { Interval } from '@ohlcv/core';
import type { CandleGenerator } from '../sim/candle-generator';
import type { FaultState } from '../sim/faults';
import { SlidingWindowLimit } from '../sim/rate-limits';
import type { SimConnection, SimServer } from '../sim/sim-server';
import { type KlinePush, StreamRegistry } from '../sim/stream-registry';
import type { SimulatorClock } from '../sim/virtual-clock';
import { barOfChannel, barOfInterval, intervalOfBar } from './okx-bars';
import type { OkxCandleFormat } from './okx-candle-format';
import type { OkxInstrument } from './okx-instruments';

const BUSINESS_PATH = '/ws/v5/business';
const PUBLIC_PATH = '/ws/v5/public';
const HOUR = 60 * 60 * 1_000;
const MAX_ARGS_BYTES = 64 * 1024;

interface OkxWebSocketOptions {
  /** Real ms without a frame pushed to a client before the venue closes it with 4004. */
  idleTimeoutMs: number;
  /** subscribe/unsubscribe/login requests per connection per hour (real time). */
  requestsPerHour: number;
  /** Virtual ms between open-candle pushes of a stream (venue: about 1 s). */
  cadenceMs: number;
}

export interface OkxWebSocketContext {
  server: SimServer;
  clock: SimulatorClock;
  generator: CandleGenerator;
  format: OkxCandleFormat;
  faults: FaultState;
  instruments: readonly OkxInstrument[];
  options: OkxWebSocketOptions;
}

interface ConnectionState {
  connId: string;
  business: boolean;
  requests: SlidingWindowLimit;
  lastPushAt: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class OkxWebSockets {
  readonly registry: StreamRegistry<string>;
  private readonly states = new Map<SimConnection, ConnectionState>();
  private readonly byInstId: Map<string, OkxInstrument>;
  private readonly idleTimer: ReturnType<typeof setInterval>;
  private judgingIdle = false;

  constructor(private readonly context: OkxWebSocketContext) {
    this.byInstId = new Map(
      context.instruments.filter((row) => row.instId !== '').map((row) => [row.instId, row]),
    );
    this.registry = new StreamRegistry<string>({
      clock: context.clock,
      generator: context.generator,
      faults: context.faults,
      cadenceMs: () => context.options.cadenceMs,
      encode: (push) => this.encode(push),
      send: (connection, _topic, encoded) => this.push(connection, encoded),
      malformed: (push, index) =>
        index % 2 === 0
          ? `{"arg":{"channel":"candle","instId":"${push.stream.symbol}"},"data":[["${push.state.openTime}",`
          : JSON.stringify({
              arg: { channel: this.channelOf(push.stream.interval), instId: push.stream.symbol },
              data: [['x']],
            }),
    });
    context.server.ws(
      (url) => url.pathname === BUSINESS_PATH || url.pathname === PUBLIC_PATH,
      (connection, url) => this.accept(connection, url.pathname === BUSINESS_PATH),
    );
    const { idleTimeoutMs } = context.options;
    this.idleTimer = setInterval(() => this.closeIdle(), Math.max(5, Math.floor(idleTimeoutMs / 10)));
    this.idleTimer.unref();
  }

  /** Ends every client connection abruptly (no close frame). */
  dropAll(): void {
    for (const connection of this.states.keys()) connection.drop();
  }

  stop(): void {
    clearInterval(this.idleTimer);
  }

  private channelOf(interval: Interval): string {
    return `candle${barOfInterval(interval) ?? interval}`;
  }

  private encode(push: KlinePush): string {
    const instrument = this.byInstId.get(push.stream.symbol);
    const row = instrument ? this.context.format.row(push.state, instrument, push.final) : [];
    return JSON.stringify({
      arg: { channel: this.channelOf(push.stream.interval), instId: push.stream.symbol },
      data: [row],
    });
  }

  private accept(connection: SimConnection, business: boolean): void {
    const state: ConnectionState = {
      connId: connection.id.toString(16).padStart(8, '0'),
      business,
      requests: new SlidingWindowLimit(this.context.options.requestsPerHour, HOUR),
      lastPushAt: Date.now(),
    };
    this.states.set(connection, state);
    connection.socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onMessage(connection, state, data.toString());
    });
    connection.socket.once('close', () => {
      this.states.delete(connection);
      this.registry.removeConnection(connection);
    });
  }

  /** Sends a frame to the client (not while silenced); every frame counts against the idle rule. */
  private push(connection: SimConnection, frame: string): void {
    if (this.context.faults.silenced) return;
    const state = this.states.get(connection);
    if (state) state.lastPushAt = Date.now();
    connection.send(frame);
  }

  private error(
    connection: SimConnection,
    state: ConnectionState,
    code: string,
    message: string,
    id?: string,
  ): void {
    const frame =
      id === undefined
        ? { event: 'error', code, msg: message, connId: state.connId }
        : { id, event: 'error', code, msg: message, connId: state.connId };
    this.push(connection, JSON.stringify(frame));
  }

  private onMessage(connection: SimConnection, state: ConnectionState, text: string): void {
    if (text === 'ping') {
      this.push(connection, 'pong');
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.error(connection, state, '60012', `Invalid request: ${text}`);
      return;
    }
    if (!isRecord(message)) {
      this.error(connection, state, '60012', `Illegal request: ${text}`);
      return;
    }
    const id = typeof message.id === 'string' ? message.id : undefined;
    const op = message.op;
    if (typeof op !== 'string') {
      this.error(connection, state, '60012', `Invalid request: ${text}`, id);
      return;
    }
    if (op !== 'subscribe' && op !== 'unsubscribe' && op !== 'login') {
      this.error(connection, state, '60019', `Invalid op: ${op}`, id);
      return;
    }
    if (!state.requests.hit(Date.now())) {
      this.error(connection, state, '60014', 'Requests too frequent.', id);
      return;
    }
    if (op === 'login') {
      this.error(connection, state, '60009', 'Login failed.', id);
      return;
    }
    const args = message.args;
    if (!Array.isArray(args) || args.length === 0 || !args.every(isRecord)) {
      this.error(connection, state, '60012', `Invalid request: ${text}`, id);
      return;
    }
    if (Buffer.byteLength(JSON.stringify(args)) > MAX_ARGS_BYTES) {
      connection.close(1009, 'Request message exceeds the maximum frame length');
      return;
    }
    for (const arg of args as Record<string, unknown>[]) {
      const channel = arg.channel;
      const instId = arg.instId;
      if (typeof channel !== 'string' || typeof instId !== 'string') {
        this.error(connection, state, '60012', `Invalid request: ${text}`, id);
        continue;
      }
      if (op === 'subscribe') this.subscribe(connection, state, channel, instId, id);
      else this.unsubscribe(connection, state, channel, instId, id);
    }
  }

  private subscribe(
    connection: SimConnection,
    state: ConnectionState,
    channel: string,
    instId: string,
    id?: string,
  ): void {
    const bar = barOfChannel(channel);
    if (
      !state.business ||
      bar === undefined ||
      !this.byInstId.has(instId) ||
      this.context.faults.isDelisted(instId)
    ) {
      this.error(
        connection,
        state,
        '60018',
        `Subscribe failed, wrong URL or channel:${channel},instId:${instId} doesn't exist. Please use the correct URL, channel and parameters referring to API document.`,
        id,
      );
      return;
    }
    this.ack(connection, state, 'subscribe', channel, instId, id);
    const interval = intervalOfBar(bar);
    // Bars without simulated data are acked and stay silent.
    this.registry.subscribe(
      connection,
      `${channel}|${instId}`,
      interval ? { symbol: instId, interval } : undefined,
    );
  }

  private unsubscribe(
    connection: SimConnection,
    state: ConnectionState,
    channel: string,
    instId: string,
    id?: string,
  ): void {
    this.ack(connection, state, 'unsubscribe', channel, instId, id);
    this.registry.unsubscribe(connection, `${channel}|${instId}`);
  }

  private ack(
    connection: SimConnection,
    state: ConnectionState,
    event: 'subscribe' | 'unsubscribe',
    channel: string,
    instId: string,
    id?: string,
  ): void {
    const arg = { channel, instId };
    const frame =
      id === undefined ? { event, arg, connId: state.connId } : { id, event, arg, connId: state.connId };
    this.push(connection, JSON.stringify(frame));
  }

  /**
   * Closes the connections with nothing pushed for the idle time. Judged after the pending I/O is read
   * (`judged`): a client ping that arrived in time but was not read yet (a busy event loop on a loaded
   * test machine) gets its pong first, as at the venue.
   */
  private closeIdle(judged = false): void {
    const now = Date.now();
    for (const [connection, state] of this.states) {
      // While silenced the venue is the one stalled: the socket stays open.
      if (this.context.faults.silenced) state.lastPushAt = now;
      else if (now - state.lastPushAt >= this.context.options.idleTimeoutMs) {
        if (!judged) {
          if (!this.judgingIdle) {
            this.judgingIdle = true;
            setImmediate(() => {
              this.judgingIdle = false;
              this.closeIdle(true);
            });
          }
          return;
        }
        this.states.delete(connection);
        connection.close(4004, 'No data received in 30s.');
      }
    }
  }
}
