import type { Logger } from '@ohlcv/core';
import type { ServerMetrics } from '@ohlcv/health';
import type { RawData, WebSocket } from 'ws';
import { ClientOutbox, destroySocket } from './client-outbox';
import {
  type ClientMessage,
  parseClientMessage,
  peekRequestId,
  type StreamRequest,
  textOf,
} from './protocol/client-messages';
import { legacyErrorMessage, legacySubscribedMessage } from './protocol/legacy-messages';
import {
  errorMessage,
  type MessageId,
  PONG_MESSAGE,
  subscribedMessage,
  unsubscribedMessage,
} from './protocol/server-messages';
import { RateLimiter } from './rate-limiter';
import { describeStreamRequest, type ResolvedStream, type StreamResolver } from './resolve-stream';
import type { StreamHub } from './stream-hub';
import { type ChannelClient, createMember, type StreamMember } from './stream-member';

export interface SessionLimits {
  maxStreamsPerClient: number;
  maxMessageBytes: number;
  maxOpsPerSecond: number;
  maxBufferedBytes: number;
  maxHistory: number;
  /** Streams subscribed with `history` > 0 per client per minute (each join may cost REST calls). @default 60 */
  maxHistoryJoinsPerMinute?: number;
}

export interface SessionContext {
  hub: StreamHub;
  resolver: StreamResolver;
  limits: SessionLimits;
  metrics: ServerMetrics;
  logger: Logger;
  /** The session's outbox holds messages: flush it until drained. */
  onBacklog(session: ClientSession): void;
}

/** Close code for a client cut off for falling behind (its buffered bytes passed the bound). */
export const SLOW_CLIENT_CLOSE_CODE = 4008;
/** Grace for a cut-off client to take its close frame before the socket is destroyed. */
const CUT_OFF_GRACE_MS = 2_000;

/** One WebSocket client: its protocol (current or legacy), its streams, limits and outbox. */
export class ClientSession implements ChannelClient {
  readonly id: number;
  readonly socket: WebSocket;
  readonly outbox: ClientOutbox;
  readonly remote: string;
  readonly connectedAt = Date.now();
  /** Answered the last keep-alive ping (or sent something since). */
  alive = true;
  #mode: 'new' | 'current' | 'legacy' = 'new';
  readonly #context: SessionContext;
  readonly #streams = new Map<string, StreamMember>();
  /** Streams reserved by subscribe ops still resolving. */
  readonly #limiter: RateLimiter;
  /** History joins: bounds the REST cost one client can cause. */
  readonly #historyJoins: RateLimiter;
  #legacy: { limit: number; sent: number; done: boolean } | undefined;
  #closeWhenDrained: { code: number; reason: string } | undefined;
  #ended = false;

  constructor(id: number, socket: WebSocket, remote: string, context: SessionContext) {
    this.id = id;
    this.socket = socket;
    this.remote = remote;
    this.#context = context;
    this.#limiter = new RateLimiter(context.limits.maxOpsPerSecond);
    const joinsPerMinute = context.limits.maxHistoryJoinsPerMinute ?? 60;
    this.#historyJoins = new RateLimiter(joinsPerMinute / 60, Date.now, joinsPerMinute);
    const maxBufferedBytes = context.limits.maxBufferedBytes;
    this.outbox = new ClientOutbox(socket, {
      maxBufferedBytes,
      // Small: the socket's buffer holds chunks Node must walk when it ends; the rest queues (and conflates) here.
      highWaterBytes: Math.max(1_024, Math.min(64 * 1024, Math.floor(maxBufferedBytes / 4))),
      onOverflow: (bytes) => this.#cutOff(bytes),
      onBacklog: () => context.onBacklog(this),
    });
  }

  get streamCount(): number {
    return this.#streams.size;
  }

  handleMessage(data: RawData, isBinary: boolean): void {
    this.alive = true;
    if (this.#ended) return;
    const { limits } = this.#context;
    const size = Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : data.byteLength;
    if (!this.#limiter.take()) {
      const id = isBinary || size > limits.maxMessageBytes ? undefined : peekRequestId(textOf(data));
      this.#error(id, 'rate_limited', `more than ${limits.maxOpsPerSecond} messages per second: slow down`);
      return;
    }
    if (size > limits.maxMessageBytes) {
      this.#error(
        undefined,
        'message_too_large',
        `message of ${size} bytes exceeds the limit of ${limits.maxMessageBytes} bytes`,
      );
      return;
    }
    if (isBinary) {
      this.#error(undefined, 'invalid_message', 'binary frames are not accepted: send JSON text');
      return;
    }
    const text = textOf(data);
    if (this.#mode === 'legacy') {
      this.outbox.sendText(
        legacyErrorMessage('already subscribed: this protocol takes one subscription message per connection'),
      );
      return;
    }
    const message = parseClientMessage(text, {
      acceptLegacy: this.#mode === 'new',
      maxHistory: limits.maxHistory,
    });
    if (message.op === 'invalid') {
      this.#error(message.id, message.code, message.message);
      return;
    }
    if (message.op === 'legacy') {
      this.#mode = 'legacy';
      this.#guard(this.#legacySubscribe(message));
      return;
    }
    this.#mode = 'current';
    if (message.op === 'ping') {
      this.#send(
        message.id === undefined ? PONG_MESSAGE : `{"type":"pong","id":${JSON.stringify(message.id)}}`,
        'pong',
      );
    } else if (message.op === 'subscribe') {
      this.#guard(this.#subscribe(message));
    } else {
      this.#guard(this.#unsubscribe(message));
    }
  }

  // --- ChannelClient ---

  quoteSent(): void {
    const legacy = this.#legacy;
    if (legacy === undefined || legacy.limit === 0 || legacy.done) return;
    legacy.sent += 1;
    if (legacy.sent < legacy.limit) return;
    legacy.done = true;
    for (const member of this.#streams.values()) member.muted = true;
    queueMicrotask(() => {
      this.#leaveAll();
      this.#closeAfterDrain(1000, `limit of ${legacy.limit} quotes reached`);
    });
  }

  streamEnded(key: string): void {
    if (this.#streams.delete(key)) this.#context.metrics.clientStreams.dec();
  }

  // --- server side ---

  /** Moves queued messages to the socket; false once nothing waits. */
  flush(): boolean {
    const waiting = this.outbox.flush();
    if (!waiting && this.#closeWhenDrained) {
      const { code, reason } = this.#closeWhenDrained;
      this.#closeWhenDrained = undefined;
      this.socket.close(code, reason);
    }
    return waiting;
  }

  /** The socket closed: leave every stream. */
  ended(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.outbox.close();
    this.#leaveAll();
  }

  /** Server shutdown: tell the client and stop sending. */
  shutdown(): void {
    this.outbox.close();
    this.socket.close(1001, 'server shutting down');
  }

  // --- current protocol ---

  async #subscribe(message: Extract<ClientMessage, { op: 'subscribe' }>): Promise<void> {
    const { limits, resolver, logger } = this.#context;
    if (message.streams.length > limits.maxStreamsPerClient) {
      this.#error(
        message.id,
        'too_many_streams',
        `subscribe names ${message.streams.length} streams; the limit per client is ${limits.maxStreamsPerClient}`,
      );
      return;
    }
    const results = await Promise.all(message.streams.map((request) => resolver.resolve(request)));
    if (this.#ended) return;
    if (message.history > 0 && !this.#takeHistoryJoins(message.id, results)) return;
    const accepted: string[] = [];
    const added: Array<{ key: string; member: StreamMember }> = [];
    const opening = new Set<string>();
    for (const [index, result] of results.entries()) {
      const request = message.streams[index] as StreamRequest;
      if (!result.ok) {
        this.#error(message.id, result.code, result.message, describeStreamRequest(request));
        continue;
      }
      if (this.#streams.has(result.key)) {
        if (!accepted.includes(result.key)) accepted.push(result.key);
        continue;
      }
      if (this.#streams.size >= limits.maxStreamsPerClient) {
        this.#error(
          message.id,
          'too_many_streams',
          `limit of ${limits.maxStreamsPerClient} streams per client reached; unsubscribe from some first`,
          result.key,
        );
        continue;
      }
      if (!this.#context.hub.admits(result.key, opening)) {
        this.#error(message.id, 'too_many_upstreams', this.#upstreamLimitText(), result.key);
        continue;
      }
      const member = createMember(this);
      this.#streams.set(result.key, member);
      this.#context.metrics.clientStreams.inc();
      accepted.push(result.key);
      added.push({ key: result.key, member });
    }
    if (accepted.length > 0) this.#send(subscribedMessage(message.id, accepted), 'subscribed');
    for (const { key, member } of added) this.#context.hub.attach(key, member, message.history);
    if (added.length > 0) {
      logger.info(
        { client: this.id, streams: added.map((entry) => entry.key), history: message.history },
        'client subscribed',
      );
    }
  }

  async #unsubscribe(message: Extract<ClientMessage, { op: 'unsubscribe' }>): Promise<void> {
    const keys = await Promise.all(
      message.streams.map(async (request): Promise<string | undefined> => {
        if (typeof request === 'string' && this.#streams.has(request)) return request;
        const result = await this.#context.resolver.resolve(request);
        return result.ok ? result.key : undefined;
      }),
    );
    if (this.#ended) return;
    const removed: string[] = [];
    for (const [index, key] of keys.entries()) {
      const member = key === undefined ? undefined : this.#streams.get(key);
      if (key === undefined || member === undefined) {
        const name = describeStreamRequest(message.streams[index] as StreamRequest);
        this.#error(message.id, 'not_subscribed', `not subscribed to "${name}"`, name);
        continue;
      }
      this.#streams.delete(key);
      this.#context.metrics.clientStreams.dec();
      this.#context.hub.detach(key, member);
      removed.push(key);
    }
    if (removed.length > 0) {
      this.#send(unsubscribedMessage(message.id, removed), 'unsubscribed');
      this.#context.logger.info({ client: this.id, streams: removed }, 'client unsubscribed');
    }
  }

  // --- legacy protocol ---

  async #legacySubscribe(message: Extract<ClientMessage, { op: 'legacy' }>): Promise<void> {
    const { resolver, limits } = this.#context;
    this.#legacy = { limit: message.limit, sent: 0, done: false };
    const symbols = message.symbols.slice(0, limits.maxStreamsPerClient);
    for (const symbol of message.symbols.slice(limits.maxStreamsPerClient)) {
      this.#legacyError(
        `limit of ${limits.maxStreamsPerClient} symbols per client reached`,
        symbol,
        'too_many_streams',
      );
    }
    const results = await Promise.all(
      symbols.map((symbol) =>
        resolver.resolve({
          exchange: message.exchange,
          market: message.contractType,
          symbol,
          interval: '1m',
        }),
      ),
    );
    if (this.#ended) return;
    const accepted: Array<{ symbol: string; key: string }> = [];
    const opening = new Set<string>();
    for (const [index, result] of results.entries()) {
      const symbol = symbols[index] as string;
      if (!result.ok) this.#legacyError(result.message, symbol, result.code);
      else if (!this.#context.hub.admits(result.key, opening))
        this.#legacyError(this.#upstreamLimitText(), symbol, 'too_many_upstreams');
      else if (!accepted.some((entry) => entry.key === result.key))
        accepted.push({ symbol, key: result.key });
    }
    if (accepted.length === 0) {
      this.#closeAfterDrain(1008, 'no valid symbols to subscribe');
      return;
    }
    this.#send(
      legacySubscribedMessage(
        message.exchange,
        message.contractType,
        accepted.map((entry) => entry.symbol),
        message.limit,
      ),
      'subscribed',
    );
    for (const { symbol, key } of accepted) {
      const view = {
        exchange: message.exchange,
        contractType: message.contractType,
        symbol,
        tag: `${message.exchange}\u0000${message.contractType}\u0000${symbol}`,
      };
      const member = createMember(this, view);
      this.#streams.set(key, member);
      this.#context.metrics.clientStreams.inc();
      this.#context.hub.attach(key, member, 0);
    }
    this.#context.logger.info(
      {
        client: this.id,
        protocol: 'legacy',
        streams: accepted.map((entry) => entry.key),
        limit: message.limit,
      },
      'client subscribed',
    );
  }

  #legacyError(message: string, symbol: string, code: string): void {
    this.#context.metrics.clientErrors.labels(code).inc();
    this.#send(legacyErrorMessage(message, { symbol, code }), 'error');
  }

  /**
   * Something unexpected went wrong handling a client message: log it, answer `internal_error`, keep
   * the server running (nothing a client sends may throw out of the message handler).
   */
  internalError(error: unknown): void {
    this.#context.logger.error(
      { client: this.id, err: error instanceof Error ? (error.stack ?? error.message) : String(error) },
      'internal error handling a client message',
    );
    try {
      this.#error(undefined, 'internal_error', 'the server failed to handle this message (logged)');
    } catch {
      this.socket.terminate();
    }
  }

  // --- helpers ---

  /** Takes one history join per new stream of the subscribe; false (error sent) when over the budget. */
  #takeHistoryJoins(id: MessageId | undefined, results: readonly ResolvedStream[]): boolean {
    const joins = new Set<string>();
    for (const result of results) if (result.ok && !this.#streams.has(result.key)) joins.add(result.key);
    if (joins.size === 0 || this.#historyJoins.take(joins.size)) return true;
    const perMinute = this.#context.limits.maxHistoryJoinsPerMinute ?? 60;
    const waitMs = this.#historyJoins.waitMs(joins.size);
    this.#error(
      id,
      'history_limited',
      `subscribe with "history" joins ${joins.size} streams; the limit is ${perMinute} per client per minute: ${
        Number.isFinite(waitMs) ? `retry in ${Math.ceil(waitMs / 1000)} s` : 'subscribe to fewer at once'
      }, or without "history"`,
    );
    return false;
  }

  #upstreamLimitText(): string {
    return `the server's limit of ${this.#context.hub.maxUpstreams} venue streams is reached: try again later`;
  }

  #guard(work: Promise<void>): void {
    work.catch((error: unknown) => this.internalError(error));
  }

  #error(id: MessageId | undefined, code: string, message: string, stream?: string): void {
    this.#context.metrics.clientErrors.labels(code).inc();
    this.#context.logger.debug({ client: this.id, code, stream, err: message }, 'client error');
    if (this.#mode === 'legacy') this.#send(legacyErrorMessage(message, { code }), 'error');
    else this.#send(errorMessage(id, code, message, stream), 'error');
  }

  #send(text: string, type: string): void {
    this.#context.metrics.messagesSent.labels(type).inc();
    this.outbox.sendText(text);
  }

  #leaveAll(): void {
    const { hub, metrics } = this.#context;
    for (const [key, member] of this.#streams) {
      hub.detach(key, member);
      metrics.clientStreams.dec();
    }
    this.#streams.clear();
  }

  #closeAfterDrain(code: number, reason: string): void {
    if (this.outbox.backlogged) this.#closeWhenDrained = { code, reason };
    else this.socket.close(code, reason);
  }

  #cutOff(bufferedBytes: number): void {
    const { metrics, logger, limits } = this.#context;
    metrics.slowClientDisconnects.inc();
    logger.warn(
      { client: this.id, remote: this.remote, bufferedBytes, limit: limits.maxBufferedBytes },
      'slow client disconnected',
    );
    for (const member of this.#streams.values()) member.muted = true;
    queueMicrotask(() => this.#leaveAll());
    this.socket.close(
      SLOW_CLIENT_CLOSE_CODE,
      `slow client: more than ${limits.maxBufferedBytes} bytes buffered`,
    );
    const timer = setTimeout(() => destroySocket(this.socket), CUT_OFF_GRACE_MS);
    timer.unref();
  }
}
