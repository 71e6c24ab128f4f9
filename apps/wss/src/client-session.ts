import type { TimerHandle } from '@ohlcv/core';
import type { RawData, WebSocket } from 'ws';
import { ClientOutbox, destroySocket } from './client-outbox';
import { parseClientMessage, peekRequestId } from './protocol/client-messages';
import { isLegacySubscribe } from './protocol/legacy-messages';
import { RateLimiter } from './rate-limiter';
import { LegacyProtocol, legacySubscribeTimeout } from './session/legacy-protocol';
import type { SessionContext, SessionHost, SessionProtocol } from './session/session-host';
import { V2Protocol, v2Error } from './session/v2-protocol';
import type { LegacyView, StreamMember } from './stream-member';

export type { SessionContext, SessionLimits } from './session/session-host';

/** Close code for a client cut off for falling behind (its buffered bytes passed the bound). */
export const SLOW_CLIENT_CLOSE_CODE = 4008;
/** Grace for a cut-off client to take its close frame before the socket is destroyed. */
const CUT_OFF_GRACE_MS = 2_000;

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

/**
 * One WebSocket client: frame intake (rate, size), its streams, outbox and closing. What the client
 * says is handled by the protocol its first valid message chose: `V2Protocol` or `LegacyProtocol`.
 */
export class ClientSession implements SessionHost {
  readonly id: number;
  readonly socket: WebSocket;
  readonly outbox: ClientOutbox;
  readonly remote: string;
  readonly connectedAt: number;
  readonly context: SessionContext;
  readonly historyJoins: RateLimiter;
  /** Answered the last keep-alive ping (or sent something since). */
  alive = true;
  #protocol: SessionProtocol | undefined;
  readonly #streams = new Map<string, StreamMember>();
  readonly #limiter: RateLimiter;
  #closeWhenDrained: { code: number; reason: string } | undefined;
  #ended = false;
  #subscribeTimer: TimerHandle | undefined;

  constructor(id: number, socket: WebSocket, remote: string, context: SessionContext) {
    this.id = id;
    this.socket = socket;
    this.remote = remote;
    this.context = context;
    this.connectedAt = context.clock.now();
    this.#limiter = new RateLimiter(context.limits.maxOpsPerSecond, () => context.clock.now());
    const joinsPerMinute = context.limits.maxHistoryJoinsPerMinute ?? 60;
    this.historyJoins = new RateLimiter(joinsPerMinute / 60, () => context.clock.now(), joinsPerMinute);
    const maxBufferedBytes = context.limits.maxBufferedBytes;
    this.outbox = new ClientOutbox(socket, {
      maxBufferedBytes,
      // Small: the socket's buffer holds chunks Node must walk when it ends; the rest queues (and conflates) here.
      highWaterBytes: Math.max(1_024, Math.min(64 * 1024, Math.floor(maxBufferedBytes / 4))),
      onOverflow: (bytes) => this.#cutOff(bytes),
      onBacklog: () => context.onBacklog(this),
      windows: context.windows,
      clock: context.clock,
    });
    const { subscribeTimeoutMs } = context.legacy;
    if (subscribeTimeoutMs > 0) {
      this.#subscribeTimer = context.clock.setTimeout(() => {
        this.#subscribeTimer = undefined;
        if (this.#protocol === undefined && !this.#ended) legacySubscribeTimeout(this, subscribeTimeoutMs);
      }, subscribeTimeoutMs);
    }
  }

  get streamCount(): number {
    return this.#streams.size;
  }

  get isEnded(): boolean {
    return this.#ended;
  }

  handleMessage(data: RawData, isBinary: boolean): void {
    this.alive = true;
    if (this.#ended) return;
    const { limits } = this.context;
    const size = Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : data.byteLength;
    if (!this.#limiter.take()) {
      const text = `more than ${limits.maxOpsPerSecond} messages per second: slow down`;
      // The reply echoes the request's id (current protocol).
      if (this.#protocol instanceof LegacyProtocol) this.#refuse('rate_limited', text);
      else {
        const id = isBinary || size > limits.maxMessageBytes ? undefined : peekRequestId(frameText(data));
        v2Error(this, id, 'rate_limited', text);
      }
      return;
    }
    if (size > limits.maxMessageBytes) {
      this.#refuse(
        'message_too_large',
        `message of ${size} bytes exceeds the limit of ${limits.maxMessageBytes} bytes`,
      );
      return;
    }
    const text = frameText(data);
    // The older connector took its subscribe in a binary frame too.
    if (isBinary && (this.#protocol !== undefined || !this.#chooseLegacy(text))) {
      this.#refuse('invalid_message', 'binary frames are not accepted: send JSON text');
      return;
    }
    if (isBinary) return;
    if (this.#protocol !== undefined) {
      this.#protocol.receive(text);
      return;
    }
    if (!this.#chooseLegacy(text)) this.#choose(text);
  }

  // --- ChannelClient ---

  quoteSent(): void {
    this.#protocol?.quoteSent();
  }

  streamEnded(key: string): void {
    if (!this.#streams.delete(key)) return;
    this.context.metrics.clientStreams.dec();
    this.#protocol?.streamEnded(key);
  }

  // --- SessionHost (for the protocols) ---

  send(text: string, type: string): void {
    this.context.metrics.messagesSent.labels(type).inc();
    this.outbox.sendReply(text);
  }

  countError(code: string): void {
    this.context.metrics.clientErrors.labels(code).inc();
  }

  has(key: string): boolean {
    return this.#streams.has(key);
  }

  join(key: string, history: number, legacy?: LegacyView): void {
    const member = this.context.hub.attach(key, this, legacy, history);
    this.#streams.set(key, member);
    this.context.metrics.clientStreams.inc();
  }

  leave(key: string): boolean {
    const member = this.#streams.get(key);
    if (member === undefined) return false;
    this.#streams.delete(key);
    this.context.metrics.clientStreams.dec();
    this.context.hub.detach(key, member);
    return true;
  }

  muteAndLeaveAll(): void {
    for (const [key, member] of this.#streams) this.context.hub.mute(key, member);
    queueMicrotask(() => this.#leaveAll());
  }

  closeAfterDrain(code: number, given: string): void {
    // A close reason is at most 123 bytes (RFC 6455); it may quote a client's value, so cut it.
    const reason =
      Buffer.byteLength(given) <= 123
        ? given
        : Buffer.from(given)
            .subarray(0, 120)
            .toString('utf8')
            .replace(/\uFFFD$/, '');
    if (this.outbox.backlogged) this.#closeWhenDrained = { code, reason };
    else this.socket.close(code, reason);
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
    this.#stopSubscribeTimer();
    this.#protocol?.ended();
    this.outbox.close();
    this.#leaveAll();
  }

  /** Server shutdown: tell the client and stop sending. */
  shutdown(): void {
    this.outbox.close();
    this.socket.close(1001, 'server shutting down');
  }

  // --- keep-alive ---

  ping(): void {
    this.socket.ping();
  }

  terminate(): void {
    destroySocket(this.socket);
  }

  /**
   * Something unexpected went wrong handling a client message: log it, answer `internal_error`, keep
   * the server running (nothing a client sends may throw out of the message handler).
   */
  internalError(error: unknown): void {
    this.context.logger.error(
      { client: this.id, err: error instanceof Error ? (error.stack ?? error.message) : String(error) },
      'internal error handling a client message',
    );
    try {
      this.#refuse('internal_error', 'the server failed to handle this message (logged)');
    } catch {
      destroySocket(this.socket);
    }
  }

  // --- helpers ---

  /** A first message in the older connector's shape (an object without `op`, naming an exchange) chooses it. */
  #chooseLegacy(text: string): boolean {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return false;
    }
    if (!isLegacySubscribe(value)) return false;
    this.#stopSubscribeTimer();
    const legacy = new LegacyProtocol(this);
    this.#protocol = legacy;
    legacy.subscribe(value);
    return true;
  }

  /** Any other first message that parses chooses the current protocol; one that does not is answered in it. */
  #choose(text: string): void {
    const message = parseClientMessage(text, {
      acceptLegacy: false,
      maxHistory: this.context.limits.maxHistory,
    });
    if (message.op === 'invalid') {
      v2Error(this, message.id, message.code, message.message);
      return;
    }
    if (message.op === 'legacy') return;
    this.#stopSubscribeTimer();
    const v2 = new V2Protocol(this);
    this.#protocol = v2;
    v2.handle(message);
  }

  #stopSubscribeTimer(): void {
    if (this.#subscribeTimer !== undefined) this.context.clock.clearTimeout(this.#subscribeTimer);
    this.#subscribeTimer = undefined;
  }

  #refuse(code: string, message: string): void {
    if (this.#protocol !== undefined) this.#protocol.refuse(code, message);
    else v2Error(this, undefined, code, message);
  }

  #leaveAll(): void {
    const { hub, metrics } = this.context;
    for (const [key, member] of this.#streams) {
      hub.detach(key, member);
      metrics.clientStreams.dec();
    }
    this.#streams.clear();
  }

  #cutOff(bufferedBytes: number): void {
    const { metrics, logger, limits, clock } = this.context;
    metrics.slowClientDisconnects.inc();
    logger.warn(
      { client: this.id, remote: this.remote, bufferedBytes, limit: limits.maxBufferedBytes },
      'slow client disconnected',
    );
    this.muteAndLeaveAll();
    this.socket.close(
      SLOW_CLIENT_CLOSE_CODE,
      `slow client: more than ${limits.maxBufferedBytes} bytes buffered`,
    );
    clock.setTimeout(() => destroySocket(this.socket), CUT_OFF_GRACE_MS);
  }
}
