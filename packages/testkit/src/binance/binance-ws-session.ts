/**
 * One Binance market-stream connection (venue doc §1.0, §6): URL streams, live
 * SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS / SET_PROPERTY / GET_PROPERTY, acks for every name (unknown
 * ones stay silent), `{"error":{code,msg},"id"}` errors, the incoming-message rate limit (ping/pong frames
 * count) → close 1008 "Too many requests", stream 1025 → code 4 then close 1008 "Invalid request",
 * server pings on real time, 24 h force-close on virtual time.
 */
import type { Interval } from '@ohlcv/core';
import type { FaultState, StreamRef } from '../sim/faults';
import { startServerPings } from '../sim/heartbeat';
import { SlidingWindowLimit } from '../sim/rate-limits';
import type { SimConnection } from '../sim/sim-server';
import type { StreamRegistry } from '../sim/stream-registry';
import type { SimulatorClock } from '../sim/virtual-clock';
import type { BinanceMarketConfig } from './binance-markets';

const CONNECTION_LIFETIME_MS = 24 * 60 * 60 * 1_000;
const KLINE_STREAM = /^([a-z0-9_]+)@kline_([0-9]+[smhdwM])$/;
const METHODS = ['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS', 'SET_PROPERTY', 'GET_PROPERTY'];

export interface BinanceSessionContext {
  config: BinanceMarketConfig;
  clock: SimulatorClock;
  faults: FaultState;
  registry: StreamRegistry<string>;
  symbols: readonly string[];
  pingIntervalMs: number;
  pongTimeoutMs: number;
  /** Incoming messages per second before close 1008. */
  messagesPerSecond: number;
}

type RequestId = number | string | null;

export class BinanceWsSession {
  /** `/stream` connections wrap events as `{"stream","data"}`; SET_PROPERTY can change it. */
  combined: boolean;

  constructor(
    readonly connection: SimConnection,
    private readonly context: BinanceSessionContext,
    /** USDⓈ-M: only `/market/...` connections deliver klines. */
    private readonly routed: boolean,
    combined: boolean,
    urlStreams: readonly string[],
  ) {
    this.combined = combined;
    const { clock, config, registry } = context;
    const limit = new SlidingWindowLimit(context.messagesPerSecond, 1_000);
    const socket = connection.socket;
    const countIncoming = (): boolean => {
      if (limit.hit(Date.now())) return true;
      connection.close(1008, 'Too many requests');
      return false;
    };
    socket.on('message', (data, isBinary) => {
      if (countIncoming() && !isBinary) this.onText(data.toString());
    });
    socket.on('ping', countIncoming);
    socket.on('pong', countIncoming);
    startServerPings(connection, {
      intervalMs: context.pingIntervalMs,
      timeoutMs: context.pongTimeoutMs,
      isSilenced: () => context.faults.silenced,
    });
    const lifetime = clock.schedule(clock.now() + CONNECTION_LIFETIME_MS, () => connection.close(1000, ''));
    socket.once('close', () => {
      lifetime.cancel();
      registry.removeConnection(connection);
    });
    for (const name of urlStreams.slice(0, config.maxStreamsPerConnection)) {
      registry.subscribe(connection, name, this.resolve(name));
    }
  }

  /** The stream a name delivers, or `undefined` (acked but silent). */
  resolve(name: string): StreamRef | undefined {
    if (!this.routed) return undefined;
    const match = KLINE_STREAM.exec(name);
    if (!match) return undefined;
    const symbol = match[1]!.toUpperCase();
    const interval = match[2] as Interval;
    if (
      !this.context.symbols.includes(symbol) ||
      this.context.faults.isDelisted(symbol) ||
      !this.context.config.intervals.includes(interval)
    )
      return undefined;
    return { symbol, interval };
  }

  /** Sends a control reply unless the `silence` fault is on. */
  private reply(value: unknown): void {
    if (!this.context.faults.silenced) this.connection.send(JSON.stringify(value));
  }

  private fail(code: number, message: string, id: RequestId): void {
    this.reply({ error: { code, msg: message }, id });
  }

  private onText(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (error) {
      const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1] ?? '0';
      this.fail(3, `Invalid JSON: expected value at line 1 column ${Number(position) + 1}`, null);
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.fail(
        2,
        `Invalid request: invalid type: expected struct Request at line 1 column ${text.length}`,
        null,
      );
      return;
    }
    const request = message as Record<string, unknown>;
    const id = request.id;
    if (!isRequestId(id)) {
      this.fail(2, 'Invalid request: request ID must be an unsigned integer', null);
      return;
    }
    const method = request.method;
    if (method === undefined) {
      this.fail(2, `Invalid request: missing field \`method\` at line 1 column ${text.length}`, id);
      return;
    }
    if (typeof method !== 'string' || !METHODS.includes(method)) {
      this.fail(
        2,
        `Invalid request: unknown variant \`${String(method)}\`, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\` at line 1 column ${text.length}`,
        id,
      );
      return;
    }
    const params = request.params;
    switch (method) {
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE': {
        if (!Array.isArray(params) || !params.every((name) => typeof name === 'string')) {
          this.fail(2, 'Invalid request: params must be an array of stream names', id);
          return;
        }
        if (method === 'SUBSCRIBE') this.subscribe(params as string[], id);
        else {
          for (const name of params as string[]) this.context.registry.unsubscribe(this.connection, name);
          this.reply({ result: null, id });
        }
        return;
      }
      case 'LIST_SUBSCRIPTIONS':
        this.reply({ result: this.context.registry.topics(this.connection), id });
        return;
      default:
        this.property(method, params, id);
    }
  }

  private subscribe(names: string[], id: RequestId): void {
    const { registry, config } = this.context;
    const topics = new Set(registry.topics(this.connection));
    for (const name of names) {
      if (!topics.has(name) && topics.size >= config.maxStreamsPerConnection) {
        this.fail(4, 'Too many subscriptions', id);
        this.connection.close(1008, 'Invalid request');
        return;
      }
      topics.add(name);
      registry.subscribe(this.connection, name, this.resolve(name));
    }
    this.reply({ result: null, id });
  }

  private property(method: string, params: unknown, id: RequestId): void {
    if (!Array.isArray(params) || typeof params[0] !== 'string') {
      this.fail(2, 'Invalid request: property name must be a string', id);
      return;
    }
    if (params[0] !== 'combined') {
      this.fail(0, 'Unknown property', id);
      return;
    }
    if (method === 'GET_PROPERTY') {
      this.reply({ result: this.combined, id });
      return;
    }
    if (typeof params[1] !== 'boolean') {
      this.fail(1, 'Invalid value type: expected Boolean', id);
      return;
    }
    this.combined = params[1];
    this.reply({ result: null, id });
  }
}

function isRequestId(value: unknown): value is RequestId {
  if (value === null) return true;
  if (typeof value === 'number') return Number.isSafeInteger(value);
  return typeof value === 'string' && /^[A-Za-z0-9]{1,36}$/.test(value);
}
