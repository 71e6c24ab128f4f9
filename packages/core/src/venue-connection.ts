import WebSocket from 'ws';
import type { Backoff } from './backoff';
import type { Candle, ExchangeId, MarketType } from './candle';
import type { Clock, TimerHandle } from './clock';
import type { ConnectionHandler, VenueConnectionOptions } from './connection-handler';
import { ConnectionWatch } from './connection-watch';
import { applyControlEvent, type ControlTarget } from './control-events';
import { EarlyDeaths } from './early-deaths';
import { contextBackoff } from './engine-context';
import type { ConnectionInfo, EngineNotice } from './feed-types';
import { FramePacer } from './frame-pacer';
import { redactUrl } from './redact-url';
import { closeSocket } from './socket-close';
import { SubscriptionLedger } from './subscription-ledger';
import type { MarketSpec, StreamRef, VenueAdapter, VenueEvent } from './venue-adapter';

type State = 'idle' | 'waiting' | 'connecting' | 'open' | 'closed';

/** Sockets in a row closing right after they subscribe that make the symbols suspect. */
const EARLY_DEATHS = 3;

/**
 * One WebSocket to a venue market: subscribe/unsubscribe frames batched and paced by the control
 * rate (+ the subscribe budget), the venue's app heartbeat, an inactivity watchdog, recycling at the
 * maximum age, reconnect with backoff and re-subscribe. What is subscribed and pending is the
 * {@link SubscriptionLedger}'s (request ids, acks, rejections and their isolation one per frame).
 */
export class VenueConnection {
  readonly id: number;
  readonly exchange: ExchangeId;
  readonly market: MarketType;
  reconnects = 0;
  lastMessageAt: number | undefined;
  /** A candle arrived on the current socket. */
  #flowing = false;
  /** `connectionOpened` went out for the current socket and its `connectionClosed` not yet. */
  #announced = false;
  readonly #earlyDeaths: EarlyDeaths;
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
  readonly #pacer: FramePacer;
  readonly #watch: ConnectionWatch;
  readonly #ledger: SubscriptionLedger;
  /** What the venue's control events act on ({@link applyControlEvent}). */
  readonly #control: ControlTarget;
  #reconnectTimer: TimerHandle | undefined;

  constructor(options: VenueConnectionOptions) {
    this.#options = options;
    this.id = options.id;
    this.#adapter = options.adapter;
    this.exchange = options.adapter.id;
    this.market = options.market;
    this.#spec = options.spec;
    this.#clock = options.context.clock;
    this.#handler = options.handler;
    this.#backoff = contextBackoff(options.context);
    this.#earlyDeaths = new EarlyDeaths(
      options.spec.ws.unknownSymbolKillsConnection === true ? 1 : EARLY_DEATHS,
    );
    this.#pacer = new FramePacer(options.context.clock, options.spec.ws, {
      canSend: () => this.#state === 'open',
      hasPending: () => this.#ledger.hasPending(),
      sendNext: () => this.#sendNextFrame(),
      sendUrgent: (frame) => {
        if (typeof frame === 'string') this.#send(frame);
        else this.#socket?.pong(frame);
      },
    });
    this.#watch = new ConnectionWatch(options.context.clock, options.spec.ws, {
      isOpen: () => this.#state === 'open',
      lastMessageAt: () => this.lastMessageAt,
      ping: (frame) => this.#pacer.urgent(frame),
      recycle: (reason) => this.recycle(reason),
      silent: (silentMs) =>
        this.#notice('warn', { silentMs }, 'no frame within the inactivity timeout; reconnecting'),
    });
    this.#ledger = new SubscriptionLedger(options.adapter, options.market, options.spec, {
      rejected: (streams, message, code) => this.#handler.onRejected(streams, message, code),
      note: (level, fields, message) => this.#notice(level, fields, message),
    });
    this.#control = {
      ledger: this.#ledger,
      pacer: this.#pacer,
      acked: (streams) => this.#handler.onAcked(streams),
      recycle: (reason) => this.recycle(reason),
      venueError: (message, code) =>
        this.#options.context.observer?.error?.({
          exchange: this.exchange,
          market: this.market,
          error: new Error(message),
          during: `venue error${code === undefined ? '' : ` ${code}`} on connection ${this.id}`,
        }),
    };
  }

  #notice(level: EngineNotice['level'], fields: Record<string, unknown>, message: string): void {
    this.#options.context.observer?.notice?.({
      level,
      message,
      exchange: this.exchange,
      market: this.market,
      fields: { connection: this.id, ...fields },
    });
  }

  /** Streams assigned to this connection, by venue stream name. */
  get streams(): ReadonlyMap<string, StreamRef> {
    return this.#ledger.assigned;
  }

  get state(): State {
    return this.#state;
  }

  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /** Characters of stream names on this connection (for maxArgCharsPerConnection). */
  get argChars(): number {
    return this.#ledger.argChars;
  }

  get info(): ConnectionInfo {
    return { exchange: this.exchange, market: this.market, connectionId: this.id, url: this.#shownUrl };
  }

  addStream(name: string, stream: StreamRef): void {
    if (this.#state === 'closed') return;
    if (!this.#ledger.add(name, stream, this.#state === 'open')) return;
    if (this.#state === 'idle') this.#connect();
    else if (this.#state === 'open') this.#pacer.schedule();
  }

  removeStream(name: string): void {
    this.#ledger.remove(name, this.#state === 'open');
    if (this.#state === 'open') this.#pacer.schedule();
  }

  /** Unsubscribe and subscribe one stream again (stall recovery, first step). */
  resubscribe(name: string): void {
    if (this.#state !== 'open' || !this.#ledger.resubscribe(name)) return;
    this.#pacer.schedule();
  }

  /** Close the socket and reconnect (stall recovery, max age, the venue asked). */
  recycle(reason: string): void {
    if (this.#state !== 'open' && this.#state !== 'connecting') return;
    this.#options.context.observer?.connectionRecycled?.({ ...this.info, reason });
    this.#state = 'connecting'; // not open any more; the close event schedules the reconnect
    this.#socket?.terminate();
  }

  /** Terminal: close the socket, clear every timer. Resolves when the socket is closed (or promptly given up on). */
  close(): Promise<void> {
    const socket = this.#socket;
    this.#announceClosed(1000, 'closed by the feed', false);
    this.#state = 'closed';
    this.#watch.stop();
    this.#pacer.stop();
    this.#clock.clearTimeout(this.#reconnectTimer);
    this.#socket = undefined;
    return closeSocket(socket, this.#clock);
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
    socket.on('ping', (data: Buffer) => {
      if (socket === this.#socket && this.#state === 'open') this.#pacer.urgent(data);
    });
    socket.on('open', () => this.#onOpen(socket));
    socket.on('message', this.#onMessage);
    socket.on('close', (code, reason) => this.#onClose(socket, code, reason.toString()));
    socket.on('error', (error) => {
      this.#options.context.observer?.error?.({
        exchange: this.exchange,
        market: this.market,
        error,
        during: `connection ${this.id} error`,
      });
    });
  }

  #onOpen(socket: WebSocket): void {
    if (socket !== this.#socket || this.#state === 'closed') return;
    this.#state = 'open';
    this.#flowing = false;
    this.#backoff.succeeded();
    this.lastMessageAt = this.#clock.now();
    this.#ledger.startOver();
    this.#pacer.stop();
    this.#announced = true;
    this.#options.context.observer?.connectionOpened?.(this.info);
    this.#watch.start();
    this.#handler.onOpen(this);
    this.#pacer.flush();
  }

  /** Hot path: one frame → adapter.parse → events. Created once per connection. */
  readonly #onMessage = (data: WebSocket.RawData): void => {
    const receivedAt = this.#clock.now();
    this.lastMessageAt = receivedAt;
    // The adapter's byte-level fast path, where it has one, for frames that are one candle update.
    if (Buffer.isBuffer(data)) {
      const candle = this.#adapter.parseCandleFrame?.(this.market, data, this.#handler.instruments());
      if (candle !== undefined) {
        this.#options.context.observer?.frameReceived?.(this.exchange, this.market, data.length);
        this.#deliver(candle, receivedAt);
        return;
      }
    }
    const text = typeof data === 'string' ? data : data.toString();
    this.#options.context.observer?.frameReceived?.(this.exchange, this.market, text.length);
    const events = this.#adapter.parse(this.market, text, this.#handler.instruments());
    for (let index = 0; index < events.length; index++) {
      const event = events[index] as VenueEvent;
      if (event.type === 'candle') this.#deliver(event.candle, receivedAt);
      else if (event.type !== 'ignore' && event.type !== 'pong') applyControlEvent(event, this.#control);
    }
  };

  /** Hot path: a candle of this socket to the owner. */
  #deliver(candle: Candle, receivedAt: number): void {
    if (!this.#flowing) this.#onFlowing();
    this.#handler.onCandle(candle, receivedAt);
  }

  /**
   * The first candle on a fresh socket: the connection works, so the next reconnect starts from the
   * first backoff ceiling again. (Only a socket that dies before delivering keeps backing off.)
   */
  #onFlowing(): void {
    this.#flowing = true;
    this.#backoff.reset();
  }

  #onClose(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.#socket) return;
    // Died with a subscribe unanswered, or before its first candle: "right after it subscribed".
    const early = this.#state === 'open' && (!this.#flowing || this.#ledger.hasPendingSubscribe());
    this.#socket = undefined;
    this.#watch.stop();
    this.#pacer.stop();
    this.#ledger.clearSocket();
    if (this.#state === 'closed') return;
    if (this.#earlyDeaths.note(early)) this.#handler.onUnstable(this);
    const willReconnect = this.streams.size > 0;
    this.#announceClosed(code, reason, willReconnect);
    if (!willReconnect) {
      this.#state = 'idle';
      return;
    }
    this.#state = 'waiting';
    const delayMs = Math.round(this.#backoff.next());
    this.reconnects += 1;
    this.#options.context.observer?.reconnectScheduled?.({
      ...this.info,
      attempt: this.#backoff.attempt,
      delayMs,
    });
    this.#reconnectTimer = this.#clock.setTimeout(() => this.#connect(), delayMs);
  }

  /**
   * `connectionClosed` exactly once per socket that was announced open, however it ends (the venue,
   * a recycle, or a deliberate close by the feed), so observers' open-connection counts balance.
   */
  #announceClosed(code: number, reason: string, willReconnect: boolean): void {
    if (!this.#announced) return;
    this.#announced = false;
    this.#options.context.observer?.connectionClosed?.({ ...this.info, code, reason, willReconnect });
  }

  #sendNextFrame(): number | undefined {
    const frame = this.#ledger.nextFrame();
    if (frame === undefined) return undefined;
    const { kind, streams, requestId } = frame;
    this.#send(
      kind === 'subscribe'
        ? this.#adapter.subscribe(this.market, streams, requestId, this.#clock.now())
        : this.#adapter.unsubscribe(this.market, streams, requestId, this.#clock.now()),
    );
    return requestId;
  }

  #send(frame: string): void {
    this.#socket?.send(frame);
  }
}
