import WebSocket from 'ws';
import { Backoff, type BackoffOptions } from './backoff';
import type { Candle, ExchangeId, MarketType } from './candle';
import type { Clock, TimerHandle } from './clock';
import type { ConnectionInfo, FeedObserver } from './feed-types';
import type { Logger } from './logger';
import { redactUrl } from './redact-url';
import { SendWindow } from './send-window';
import type { InstrumentIndex, MarketSpec, StreamRef, VenueAdapter, VenueEvent } from './venue-adapter';
import { heartbeatFrame } from './venue-spec';

/** What a connection reports to its owner. `onCandle` is the hot path: keep it synchronous and cheap. */
export interface ConnectionHandler {
  onCandle(candle: Candle, receivedAt: number): void;
  onAcked(streams: readonly StreamRef[]): void;
  onRejected(streams: readonly StreamRef[], message: string, code: string | undefined): void;
  onOpen(connection: VenueConnection): void;
  /** The connection keeps closing right after it subscribes, before any candle (a symbol may be gone). */
  onUnstable(connection: VenueConnection): void;
  instruments(): InstrumentIndex | undefined;
  /** Milliseconds to wait before a (re)connect is allowed (the venue market's connect rate). */
  connectDelayMs(): number;
}

export interface VenueConnectionOptions {
  id: number;
  adapter: VenueAdapter;
  market: MarketType;
  spec: MarketSpec;
  wsBase: string;
  clock: Clock;
  logger: Logger;
  observer?: FeedObserver;
  random?: () => number;
  backoff?: Omit<BackoffOptions, 'now' | 'random'>;
  handler: ConnectionHandler;
}

type State = 'idle' | 'waiting' | 'connecting' | 'open' | 'closed';

interface PendingRequest {
  kind: 'subscribe' | 'unsubscribe';
  streams: StreamRef[];
}

/** Bytes of JSON around each stream name in a frame (quotes, comma), for sizing against maxRequestBytes. */
const NAME_OVERHEAD = 3;
/** Sockets in a row closing before their first candle that make the symbols suspect. */
const EARLY_DEATHS = 3;

/**
 * One WebSocket to a venue market: subscribe/unsubscribe frames batched and paced by the control
 * rate (+ the subscribe budget), the venue's app heartbeat, an inactivity watchdog, recycling at the
 * maximum age, reconnect with backoff and re-subscribe, and request-id bookkeeping for acks and
 * rejections (request-scope rejections are isolated by re-subscribing one stream per frame).
 */
export class VenueConnection {
  readonly id: number;
  readonly exchange: ExchangeId;
  readonly market: MarketType;
  /** Streams assigned to this connection, by venue stream name. */
  readonly streams = new Map<string, StreamRef>();
  reconnects = 0;
  lastMessageAt: number | undefined;
  #argChars = 0;
  /** A candle arrived on the current socket. */
  #flowing = false;
  /** `connectionOpened` went out for the current socket and its `connectionClosed` not yet. */
  #announced = false;
  /** Sockets in a row that closed before their first candle. */
  #earlyDeaths = 0;
  #state: State = 'idle';
  #socket: WebSocket | undefined;
  #url = '';
  /** `#url` with credentials masked: what logs and observers see. */
  #shownUrl = '';
  readonly #options: VenueConnectionOptions;
  readonly #adapter: VenueAdapter;
  readonly #spec: MarketSpec;
  readonly #clock: Clock;
  readonly #handler: ConnectionHandler;
  readonly #backoff: Backoff;
  readonly #controlWindow: SendWindow;
  readonly #subscribeWindow: SendWindow | undefined;
  /** Streams subscribed on the current socket (frame sent, not rejected or unsubscribed). */
  readonly #sent = new Set<string>();
  readonly #toSubscribe = new Map<string, StreamRef>();
  readonly #toUnsubscribe = new Map<string, StreamRef>();
  /** Streams to subscribe one per frame (isolating a request-scope rejection). */
  readonly #singles: StreamRef[] = [];
  readonly #requests = new Map<number, PendingRequest>();
  /** Pongs (`Buffer`, a ping's payload) and app pings (`string`) owed: sent first, within the control window. */
  readonly #urgent: Array<string | Buffer> = [];
  #nextRequestId = 1;
  #flushTimer: TimerHandle | undefined;
  #flushQueued = false;
  #heartbeatTimer: TimerHandle | undefined;
  #watchdogTimer: TimerHandle | undefined;
  #ageTimer: TimerHandle | undefined;
  #reconnectTimer: TimerHandle | undefined;

  constructor(options: VenueConnectionOptions) {
    this.#options = options;
    this.id = options.id;
    this.#adapter = options.adapter;
    this.exchange = options.adapter.id;
    this.market = options.market;
    this.#spec = options.spec;
    this.#clock = options.clock;
    this.#handler = options.handler;
    const now = options.clock.now;
    this.#backoff = new Backoff({
      ...options.backoff,
      now,
      ...(options.random ? { random: options.random } : {}),
    });
    const { messages, perMs } = options.spec.ws.controlRate;
    this.#controlWindow = new SendWindow(messages, perMs, now);
    const budget = options.spec.ws.subscribeBudget;
    this.#subscribeWindow = budget ? new SendWindow(budget.messages, budget.perMs, now) : undefined;
  }

  get state(): State {
    return this.#state;
  }

  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /** Characters of stream names on this connection (for maxArgCharsPerConnection). */
  get argChars(): number {
    return this.#argChars;
  }

  get info(): ConnectionInfo {
    return { exchange: this.exchange, market: this.market, connectionId: this.id, url: this.#shownUrl };
  }

  addStream(name: string, stream: StreamRef): void {
    if (this.#state === 'closed' || this.streams.has(name)) return;
    this.streams.set(name, stream);
    this.#argChars += name.length;
    if (this.#state === 'idle') {
      this.#connect();
      return;
    }
    if (this.#toUnsubscribe.delete(name)) return; // still subscribed upstream
    if (this.#state === 'open') {
      this.#toSubscribe.set(name, stream);
      this.#scheduleFlush();
    }
  }

  removeStream(name: string): void {
    const stream = this.streams.get(name);
    if (!stream) return;
    this.streams.delete(name);
    this.#argChars -= name.length;
    this.#toSubscribe.delete(name);
    const single = this.#singles.findIndex((entry) => this.#adapter.streamName(this.market, entry) === name);
    if (single >= 0) this.#singles.splice(single, 1);
    if (this.#state === 'open' && this.#sent.has(name)) {
      this.#toUnsubscribe.set(name, stream);
      this.#scheduleFlush();
    }
  }

  /** Unsubscribe and subscribe one stream again (stall recovery, first step). */
  resubscribe(name: string): void {
    const stream = this.streams.get(name);
    if (!stream || this.#state !== 'open') return;
    if (this.#sent.has(name)) this.#toUnsubscribe.set(name, stream);
    this.#singles.push(stream);
    this.#scheduleFlush();
  }

  /** Close the socket and reconnect (stall recovery, max age, the venue asked). */
  recycle(reason: string): void {
    if (this.#state !== 'open' && this.#state !== 'connecting') return;
    this.#options.logger.info({ ...this.info, reason }, 'recycling connection');
    this.#state = 'connecting'; // not open any more; the close event schedules the reconnect
    this.#socket?.terminate();
  }

  /** Terminal: close the socket, clear every timer. Resolves when the socket is closed (or promptly given up on). */
  close(): Promise<void> {
    const socket = this.#socket;
    this.#announceClosed(1000, 'closed by the feed', false);
    this.#state = 'closed';
    this.#clearTimers();
    this.#clock.clearTimeout(this.#reconnectTimer);
    this.#socket = undefined;
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.#clock.clearTimeout(timer);
        resolve();
      };
      const timer = this.#clock.setTimeout(() => {
        socket.terminate();
        resolve();
      }, 1_000);
      socket.once('close', done);
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000, 'feed closed');
    });
  }

  #connect(): void {
    if (this.#state === 'closed') return;
    const waitMs = this.#handler.connectDelayMs();
    if (waitMs > 0) {
      this.#state = 'waiting';
      this.#reconnectTimer = this.#clock.setTimeout(() => this.#open(), waitMs);
      return;
    }
    this.#open();
  }

  #open(): void {
    if (this.#state === 'closed') return;
    if (this.streams.size === 0) {
      this.#state = 'idle';
      return;
    }
    this.#state = 'connecting';
    this.#url = this.#adapter.connectUrl(this.market, this.#options.wsBase, [...this.streams.values()]);
    this.#shownUrl = redactUrl(this.#url);
    // Pongs count against the venue's message rate (Binance): they go through the control window.
    const options = { handshakeTimeout: 10_000, perMessageDeflate: false, autoPong: false };
    const socket = new WebSocket(this.#url, options);
    this.#socket = socket;
    socket.on('ping', (data: Buffer) => this.#sendUrgent(socket, data));
    socket.on('open', () => this.#onOpen(socket));
    socket.on('message', this.#onMessage);
    socket.on('close', (code, reason) => this.#onClose(socket, code, reason.toString()));
    socket.on('error', (error) => {
      this.#options.logger.warn({ ...this.info, error: error.message }, 'connection error');
      this.#options.observer?.error?.({ exchange: this.exchange, market: this.market, error });
    });
  }

  #onOpen(socket: WebSocket): void {
    if (socket !== this.#socket || this.#state === 'closed') return;
    this.#state = 'open';
    this.#flowing = false;
    this.#backoff.succeeded();
    this.lastMessageAt = this.#clock.now();
    this.#sent.clear();
    this.#requests.clear();
    this.#toUnsubscribe.clear();
    this.#singles.length = 0;
    this.#urgent.length = 0;
    for (const [name, stream] of this.streams) this.#toSubscribe.set(name, stream);
    this.#options.logger.info({ ...this.info, streams: this.streams.size }, 'connection opened');
    this.#announced = true;
    this.#options.observer?.connectionOpened?.(this.info);
    this.#startTimers();
    this.#handler.onOpen(this);
    this.#flush();
  }

  /** Hot path: one frame → adapter.parse → events. Created once per connection. */
  readonly #onMessage = (data: WebSocket.RawData): void => {
    const receivedAt = this.#clock.now();
    this.lastMessageAt = receivedAt;
    const text = typeof data === 'string' ? data : data.toString();
    this.#options.observer?.frameReceived?.(this.exchange, this.market, text.length);
    const events = this.#adapter.parse(this.market, text, this.#handler.instruments());
    for (let index = 0; index < events.length; index++) {
      const event = events[index] as VenueEvent;
      if (event.type === 'candle') {
        if (!this.#flowing) this.#onFlowing();
        this.#handler.onCandle(event.candle, receivedAt);
      } else if (event.type !== 'ignore' && event.type !== 'pong') this.#onControl(event);
    }
  };

  /**
   * The first candle on a fresh socket: the connection works, so the next reconnect starts from the
   * first backoff ceiling again. (Only a socket that dies before delivering keeps backing off.)
   */
  #onFlowing(): void {
    this.#flowing = true;
    this.#backoff.reset();
  }

  #onControl(event: VenueEvent): void {
    if ('requestId' in event && event.requestId !== undefined) this.#controlWindow.answered(event.requestId);
    switch (event.type) {
      case 'subscribed': {
        const request = event.requestId === undefined ? undefined : this.#requests.get(event.requestId);
        if (request) this.#requests.delete(event.requestId as number);
        const streams = event.streams ?? (request?.kind === 'subscribe' ? request.streams : undefined);
        if (!request && event.streams) this.#settleAcked(event.streams);
        if (streams) this.#handler.onAcked(streams);
        return;
      }
      case 'unsubscribed':
        if (event.requestId !== undefined) this.#requests.delete(event.requestId);
        return;
      case 'rejected':
        this.#onRejected(event);
        return;
      case 'reconnect':
        this.recycle(`venue asked: ${event.reason}`);
        return;
      case 'error':
        this.#options.logger.warn({ ...this.info, code: event.code, message: event.message }, 'venue error');
        this.#options.observer?.error?.({
          exchange: this.exchange,
          market: this.market,
          error: new Error(event.message),
        });
        return;
      default:
        return;
    }
  }

  /** An ack without request id (Hyperliquid echoes the subscription): settle the requests it answers. */
  #settleAcked(streams: readonly StreamRef[]): void {
    const acked = new Set(streams.map((stream) => this.#adapter.streamName(this.market, stream)));
    for (const [id, request] of this.#requests) {
      if (
        request.kind === 'subscribe' &&
        request.streams.every((stream) => acked.has(this.#adapter.streamName(this.market, stream)))
      )
        this.#requests.delete(id);
    }
  }

  #onRejected(event: Extract<VenueEvent, { type: 'rejected' }>): void {
    const request = event.requestId === undefined ? undefined : this.#requests.get(event.requestId);
    if (request?.kind === 'unsubscribe') {
      this.#requests.delete(event.requestId as number);
      this.#options.logger.warn({ ...this.info, message: event.message }, 'venue rejected an unsubscribe');
      return;
    }
    if (event.streams && event.streams.length > 0) {
      if (request && this.#spec.ws.rejectScope === 'request') {
        this.#onRequestRejected(event.requestId as number, request, event);
        return;
      }
      this.#fail(event.streams, event.message, event.code);
      return;
    }
    if (!request) {
      this.#options.logger.warn(
        { ...this.info, message: event.message, requestId: event.requestId },
        'venue rejected an unknown request',
      );
      return;
    }
    this.#requests.delete(event.requestId as number);
    const live = request.streams.filter((stream) =>
      this.streams.has(this.#adapter.streamName(this.market, stream)),
    );
    for (const stream of live) this.#sent.delete(this.#adapter.streamName(this.market, stream));
    if (live.length <= 1) {
      this.#fail(live, event.message, event.code);
      return;
    }
    // The whole frame failed for one bad stream: find it by subscribing its streams one per frame.
    this.#options.logger.warn(
      { ...this.info, streams: live.length, message: event.message },
      'request rejected; isolating its streams',
    );
    this.#singles.push(...live);
    this.#scheduleFlush();
  }

  /**
   * A request-scope venue refused a whole frame and named the bad streams: none of the frame's
   * streams is subscribed. Fail the named ones and subscribe the rest again (a later refusal names
   * the next bad one). If the names match nothing in the frame, isolate its streams one per frame.
   */
  #onRequestRejected(
    requestId: number,
    request: PendingRequest,
    event: Extract<VenueEvent, { type: 'rejected' }>,
  ): void {
    this.#requests.delete(requestId);
    const named = new Set(
      (event.streams ?? []).map((stream) => this.#adapter.streamName(this.market, stream)),
    );
    const bad: StreamRef[] = [];
    const others: StreamRef[] = [];
    for (const stream of request.streams) {
      const name = this.#adapter.streamName(this.market, stream);
      if (!this.streams.has(name)) continue;
      this.#sent.delete(name);
      (named.has(name) ? bad : others).push(stream);
    }
    if (bad.length === 0) {
      this.#options.logger.warn(
        { ...this.info, streams: others.length, message: event.message },
        'request rejected naming none of its streams; isolating them',
      );
      if (others.length <= 1) this.#fail(others, event.message, event.code);
      else {
        this.#singles.push(...others);
        this.#scheduleFlush();
      }
      return;
    }
    this.#fail(bad, event.message, event.code);
    if (others.length === 0) return;
    this.#options.logger.info(
      { ...this.info, streams: others.length },
      're-subscribing the other streams of a rejected request',
    );
    for (const stream of others) {
      const name = this.#adapter.streamName(this.market, stream);
      if (this.streams.has(name)) this.#toSubscribe.set(name, stream);
    }
    this.#scheduleFlush();
  }

  #fail(streams: readonly StreamRef[], message: string, code: string | undefined): void {
    for (const stream of streams) {
      const name = this.#adapter.streamName(this.market, stream);
      this.#sent.delete(name);
      this.#toSubscribe.delete(name);
    }
    this.#handler.onRejected(streams, message, code);
  }

  #onClose(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.#socket) return;
    // Died with a subscribe unanswered, or before its first candle: "right after it subscribed".
    const early = this.#state === 'open' && (!this.#flowing || this.#hasPendingSubscribe());
    this.#socket = undefined;
    this.#clearTimers();
    this.#sent.clear();
    this.#requests.clear();
    this.#toSubscribe.clear();
    this.#toUnsubscribe.clear();
    this.#singles.length = 0;
    if (this.#state === 'closed') return;
    this.#noteEarlyDeath(early);
    const willReconnect = this.streams.size > 0;
    this.#options.logger.info({ ...this.info, code, reason, willReconnect }, 'connection closed');
    this.#announceClosed(code, reason, willReconnect);
    if (!willReconnect) {
      this.#state = 'idle';
      return;
    }
    this.#state = 'waiting';
    const delayMs = Math.round(this.#backoff.next());
    this.reconnects += 1;
    this.#options.observer?.reconnectScheduled?.({ ...this.info, attempt: this.#backoff.attempt, delayMs });
    this.#reconnectTimer = this.#clock.setTimeout(() => this.#connect(), delayMs);
  }

  /**
   * `connectionClosed` exactly once per socket that was announced open, however it ends (the venue,
   * a recycle, or a deliberate close by the feed), so observers' open-connection counts balance.
   */
  #announceClosed(code: number, reason: string, willReconnect: boolean): void {
    if (!this.#announced) return;
    this.#announced = false;
    this.#options.observer?.connectionClosed?.({ ...this.info, code, reason, willReconnect });
  }

  #hasPendingSubscribe(): boolean {
    for (const request of this.#requests.values()) if (request.kind === 'subscribe') return true;
    return false;
  }

  /**
   * A socket that opened and subscribed but closed before any candle or with a subscribe unanswered: once (on a venue that drops
   * the socket for an unknown symbol) or a few times in a row, the owner re-validates the symbols.
   */
  #noteEarlyDeath(early: boolean): void {
    if (!early) {
      this.#earlyDeaths = 0;
      return;
    }
    this.#earlyDeaths += 1;
    const threshold = this.#spec.ws.unknownSymbolKillsConnection === true ? 1 : EARLY_DEATHS;
    if (this.#earlyDeaths >= threshold) this.#handler.onUnstable(this);
  }

  #scheduleFlush(): void {
    if (this.#flushQueued || this.#flushTimer !== undefined) return;
    this.#flushQueued = true;
    // Batch everything added in this turn into as few frames as possible.
    queueMicrotask(() => {
      this.#flushQueued = false;
      this.#flush();
    });
  }

  #flush(): void {
    this.#flushTimer = undefined;
    while (this.#state === 'open' && this.#hasPending()) {
      const budget = this.#urgent.length > 0 ? undefined : this.#subscribeWindow;
      const waitMs = Math.max(this.#controlWindow.waitMs(), budget ? budget.waitMs() : 0);
      if (waitMs > 0) {
        this.#flushTimer = this.#clock.setTimeout(() => this.#flush(), waitMs);
        return;
      }
      const urgent = this.#urgent.shift();
      // A request's slot frees only `perMs` after its answer (the venue counted it by then).
      this.#controlWindow.record(urgent === undefined ? this.#nextRequestId : undefined);
      if (typeof urgent === 'string') this.#send(urgent);
      else if (urgent !== undefined) this.#socket?.pong(urgent);
      else {
        budget?.record();
        this.#sendNextFrame();
      }
    }
  }

  /** A pong or app ping: ahead of every subscribe, but never over the venue's message rate. */
  #sendUrgent(socket: WebSocket, frame: string | Buffer): void {
    if (socket !== this.#socket || this.#state !== 'open') return;
    this.#urgent.push(frame);
    this.#clock.clearTimeout(this.#flushTimer);
    this.#flush();
  }

  #hasPending(): boolean {
    return (
      this.#urgent.length > 0 ||
      this.#toUnsubscribe.size > 0 ||
      this.#singles.length > 0 ||
      this.#toSubscribe.size > 0
    );
  }

  #sendNextFrame(): void {
    const requestId = this.#nextRequestId++;
    if (this.#toUnsubscribe.size > 0) {
      const streams = this.#takeBatch(this.#toUnsubscribe);
      for (const stream of streams) this.#sent.delete(this.#adapter.streamName(this.market, stream));
      this.#requests.set(requestId, { kind: 'unsubscribe', streams });
      this.#send(this.#adapter.unsubscribe(this.market, streams, requestId, this.#clock.now()));
      return;
    }
    let streams: StreamRef[];
    const single = this.#singles.shift();
    if (single) {
      streams = [single];
      this.#toSubscribe.delete(this.#adapter.streamName(this.market, single));
    } else {
      streams = this.#takeBatch(this.#toSubscribe);
    }
    for (const stream of streams) this.#sent.add(this.#adapter.streamName(this.market, stream));
    this.#requests.set(requestId, { kind: 'subscribe', streams });
    this.#send(this.#adapter.subscribe(this.market, streams, requestId, this.#clock.now()));
  }

  /** Takes streams from `pending` up to maxStreamsPerRequest and maxRequestBytes (at least one). */
  #takeBatch(pending: Map<string, StreamRef>): StreamRef[] {
    const { maxStreamsPerRequest, maxRequestBytes } = this.#spec.ws;
    const batch: StreamRef[] = [];
    let bytes = 0;
    for (const [name, stream] of pending) {
      const size = Buffer.byteLength(name) + NAME_OVERHEAD;
      if (
        batch.length > 0 &&
        (batch.length >= maxStreamsPerRequest ||
          (maxRequestBytes !== undefined && bytes + size > maxRequestBytes))
      )
        break;
      batch.push(stream);
      bytes += size;
      pending.delete(name);
    }
    return batch;
  }

  #send(frame: string): void {
    this.#socket?.send(frame);
  }

  #startTimers(): void {
    const { heartbeat, inactivityTimeoutMs, maxConnectionAgeMs } = this.#spec.ws;
    if (heartbeat) this.#heartbeatTimer = this.#clock.setTimeout(this.#onHeartbeat, heartbeat.everyMs);
    this.#watchdogTimer = this.#clock.setTimeout(this.#onWatchdog, inactivityTimeoutMs);
    if (maxConnectionAgeMs !== undefined) {
      this.#ageTimer = this.#clock.setTimeout(
        () => this.recycle('maximum connection age reached'),
        maxConnectionAgeMs,
      );
    }
  }

  readonly #onHeartbeat = (): void => {
    const heartbeat = this.#spec.ws.heartbeat;
    if (!heartbeat || this.#state !== 'open') return;
    if (this.#socket) this.#sendUrgent(this.#socket, heartbeatFrame(heartbeat, this.#clock.now()));
    this.#heartbeatTimer = this.#clock.setTimeout(this.#onHeartbeat, heartbeat.everyMs);
  };

  /** Checks silence without a timer reset per frame: re-arms for the remaining time. */
  readonly #onWatchdog = (): void => {
    if (this.#state !== 'open') return;
    const timeoutMs = this.#spec.ws.inactivityTimeoutMs;
    const silentMs = this.#clock.now() - (this.lastMessageAt ?? 0);
    if (silentMs >= timeoutMs) {
      this.#options.logger.warn(
        { ...this.info, silentMs },
        'no frame within the inactivity timeout; reconnecting',
      );
      this.recycle('inactivity timeout');
      return;
    }
    this.#watchdogTimer = this.#clock.setTimeout(this.#onWatchdog, timeoutMs - silentMs);
  };

  #clearTimers(): void {
    this.#clock.clearTimeout(this.#flushTimer);
    this.#clock.clearTimeout(this.#heartbeatTimer);
    this.#clock.clearTimeout(this.#watchdogTimer);
    this.#clock.clearTimeout(this.#ageTimer);
    this.#flushTimer = undefined;
    this.#heartbeatTimer = undefined;
    this.#watchdogTimer = undefined;
    this.#ageTimer = undefined;
  }
}
