/**
 * The page's one WebSocket to its server, speaking the server's client protocol: every chart's stream
 * is subscribed with `history` (a join without gap or duplicate), messages are routed to the chart by
 * canonical stream key, and after the connection drops (server restart, network) it reconnects with
 * backoff and subscribes everything again with history.
 */

import { ReconnectBackoff } from './reconnect-backoff';
import { parseServerMessage, type ServerMessage } from './server-messages';

export type ConnectionState =
  | { state: 'connecting'; attempt: number }
  | { state: 'open' }
  | { state: 'reconnecting'; attempt: number; inMs: number; reason: string }
  | { state: 'stopped' };

/** The part of a browser WebSocket the connection uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: (() => void) | null;
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

/** Messages about one stream. */
export type StreamMessage = Extract<
  ServerMessage,
  { type: 'candle' | 'stalled' | 'recovered' | 'gap' | 'error' }
>;

export interface StreamListener {
  /** Closed candles to join with, asked at every (re)subscribe. */
  history(): number;
  /** The server accepted the stream under its canonical key. */
  subscribed(key: string): void;
  message(message: StreamMessage): void;
  /** The connection dropped; a re-subscribe follows once it is back. */
  disconnected(): void;
}

export interface ChartConnectionOptions {
  /** The WebSocket URL, asked at every attempt (the token may have changed). */
  url: () => string;
  createSocket?: (url: string) => SocketLike;
  backoff?: ReconnectBackoff;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  onState?: (state: ConnectionState) => void;
}

interface Entry {
  readonly id: string;
  readonly request: string;
  readonly listener: StreamListener;
  key: string | undefined;
}

const OPEN = 1;

export class ChartConnection {
  readonly #options: ChartConnectionOptions;
  readonly #backoff: ReconnectBackoff;
  readonly #entries = new Map<string, Entry>();
  readonly #byKey = new Map<string, Set<Entry>>();
  #socket: SocketLike | undefined;
  #timer: unknown;
  #nextId = 0;
  #stopped = false;
  #state: ConnectionState = { state: 'connecting', attempt: 0 };

  constructor(options: ChartConnectionOptions) {
    this.#options = options;
    this.#backoff = options.backoff ?? new ReconnectBackoff();
  }

  get state(): ConnectionState {
    return this.#state;
  }

  start(): void {
    this.#stopped = false;
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) (this.#options.clearTimer ?? clearTimeout)(this.#timer as number);
    this.#timer = undefined;
    const socket = this.#socket;
    this.#socket = undefined;
    socket?.close(1000, 'page closed');
    this.#setState({ state: 'stopped' });
  }

  /** Subscribes `request` (a stream key as the user wrote it); returns the function that unsubscribes. */
  add(request: string, listener: StreamListener): () => void {
    this.#nextId += 1;
    const entry: Entry = { id: `chart-${this.#nextId}`, request, listener, key: undefined };
    this.#entries.set(entry.id, entry);
    if (this.#socket?.readyState === OPEN) this.#subscribe(entry);
    return () => this.#remove(entry);
  }

  #remove(entry: Entry): void {
    if (!this.#entries.delete(entry.id)) return;
    const key = entry.key;
    if (key === undefined) return;
    const entries = this.#byKey.get(key);
    entries?.delete(entry);
    if (entries !== undefined && entries.size === 0) {
      this.#byKey.delete(key);
      this.#send({ op: 'unsubscribe', id: entry.id, streams: [key] });
    }
  }

  #connect(): void {
    if (this.#stopped) return;
    this.#timer = undefined;
    this.#setState({ state: 'connecting', attempt: this.#backoff.attempt });
    const create =
      this.#options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    let socket: SocketLike;
    try {
      socket = create(this.#options.url());
    } catch (error) {
      this.#scheduleReconnect(error instanceof Error ? error.message : String(error));
      return;
    }
    this.#socket = socket;
    let receivedAny = false;
    socket.onopen = () => {
      this.#setState({ state: 'open' });
      for (const entry of this.#entries.values()) this.#subscribe(entry);
    };
    socket.onmessage = (event) => {
      if (!receivedAny) {
        // The connection works (not just opened, then refused): later drops start the backoff afresh.
        receivedAny = true;
        this.#backoff.reset();
      }
      if (typeof event.data === 'string') this.#dispatch(event.data);
    };
    socket.onerror = () => {};
    socket.onclose = (event) => {
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      this.#byKey.clear();
      for (const entry of this.#entries.values()) {
        entry.key = undefined;
        entry.listener.disconnected();
      }
      const reason = event.reason ? `${event.code} ${event.reason}` : `code ${event.code}`;
      this.#scheduleReconnect(reason);
    };
  }

  #scheduleReconnect(reason: string): void {
    if (this.#stopped) return;
    const attempt = this.#backoff.attempt + 1;
    const inMs = this.#backoff.next();
    this.#setState({ state: 'reconnecting', attempt, inMs, reason });
    this.#timer = (this.#options.setTimer ?? setTimeout)(() => this.#connect(), inMs);
  }

  #subscribe(entry: Entry): void {
    this.#send({
      op: 'subscribe',
      id: entry.id,
      streams: [entry.request],
      history: entry.listener.history(),
    });
  }

  #send(message: unknown): void {
    if (this.#socket?.readyState === OPEN) this.#socket.send(JSON.stringify(message));
  }

  #dispatch(text: string): void {
    const message = parseServerMessage(text);
    if (message === undefined) return;
    if (message.type === 'subscribed') {
      const entry = message.id === undefined ? undefined : this.#entries.get(message.id);
      const key = message.streams[0];
      if (entry === undefined || key === undefined) return;
      entry.key = key;
      let entries = this.#byKey.get(key);
      if (entries === undefined) {
        entries = new Set();
        this.#byKey.set(key, entries);
      }
      entries.add(entry);
      entry.listener.subscribed(key);
      return;
    }
    if (message.type === 'unsubscribed' || message.type === 'pong') return;
    if (message.type === 'error' && message.id !== undefined && message.stream === undefined) {
      this.#entries.get(message.id)?.listener.message(message);
      return;
    }
    if (message.type === 'error' && message.id !== undefined) {
      // A subscribe refused (unknown symbol, …): only the chart that asked hears of it.
      const entry = this.#entries.get(message.id);
      if (entry !== undefined && entry.key === undefined) {
        entry.listener.message(message);
        return;
      }
    }
    const entries = message.stream === undefined ? undefined : this.#byKey.get(message.stream);
    if (entries === undefined) return;
    for (const entry of entries) entry.listener.message(message);
  }

  #setState(state: ConnectionState): void {
    this.#state = state;
    this.#options.onState?.(state);
  }
}
