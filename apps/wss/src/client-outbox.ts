import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

const TEXT_FRAME = { binary: false } as const;

/**
 * Destroying a socket with an error hands THAT error to every chunk still queued in it; without one,
 * Node builds an error per chunk, which for hundreds of backlogged clients cut at once stalls the
 * loop for seconds. One shared error for all.
 */
const CUT_OFF = Object.freeze(new Error('client socket destroyed by the server'));

/** Ends a client's socket at once, cheaply whatever is queued in it (instead of `ws.terminate()`). */
export function destroySocket(socket: WebSocket): void {
  const raw = (socket as unknown as { _socket?: Duplex | null })._socket;
  if (raw && !raw.destroyed) raw.destroy(CUT_OFF);
  else socket.terminate();
}

/** Messages at most in the socket's own buffer (each is 1–2 chunks there); the rest waits in the outbox. */
const DEFAULT_SOCKET_MESSAGES = 256;

/** One message waiting in a backlogged outbox. `data` null = superseded (skipped when flushed). */
interface Pending {
  data: Buffer | string | null;
  bytes: number;
  /** For open-candle updates: the stream they conflate on, and the candle's open time. */
  channel: object | undefined;
  openTime: number;
}

export interface OutboxOptions {
  /** Bound on ws.bufferedAmount + this outbox's own pending bytes; beyond it `onOverflow` runs. */
  maxBufferedBytes: number;
  /** Above this ws.bufferedAmount, messages wait in the outbox (open updates conflate) instead of going to the socket. */
  highWaterBytes: number;
  onOverflow: (bufferedBytes: number) => void;
  /** At most this many messages handed to the socket while it has not drained. @default 256 */
  maxSocketMessages?: number;
  /** Called when the outbox starts holding messages: the owner must call `flush()` until it returns false. */
  onBacklog: () => void;
}

/**
 * What one client still has to receive. While the socket keeps up, messages go straight to it. When
 * the socket holds more than the high-water mark, messages wait here: open-candle updates conflate to
 * the latest per stream, closed candles and control messages queue. Past `maxBufferedBytes` (socket +
 * queue) the client is cut off (`onOverflow`) and the queue dropped, so a slow client never slows others
 * or grows memory without limit.
 */
export class ClientOutbox {
  readonly #socket: WebSocket;
  readonly #options: OutboxOptions;
  #queue: Pending[] = [];
  #head = 0;
  #pendingBytes = 0;
  /** Latest queued open update per stream channel (replaced in place). */
  readonly #openSlots = new Map<object, Pending>();
  #closed = false;
  /** Messages handed to the socket since it was last seen drained: a bound on the chunks it holds. */
  #inSocket = 0;
  readonly #maxSocketMessages: number;
  /** Messages handed to the socket. */
  sent = 0;

  constructor(socket: WebSocket, options: OutboxOptions) {
    this.#socket = socket;
    this.#options = options;
    this.#maxSocketMessages = options.maxSocketMessages ?? DEFAULT_SOCKET_MESSAGES;
  }

  /** The socket takes more now: under the byte high-water mark and the message bound. */
  #socketHasRoom(): boolean {
    const buffered = this.#socket.bufferedAmount;
    if (buffered === 0) {
      this.#inSocket = 0;
      return true;
    }
    return buffered < this.#options.highWaterBytes && this.#inSocket < this.#maxSocketMessages;
  }

  get backlogged(): boolean {
    return this.#head < this.#queue.length;
  }

  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Hot path: a candle message (bytes shared with every client of the stream). */
  sendCandle(data: Buffer, channel: object, closed: boolean, openTime: number): void {
    if (this.#closed) return;
    if (!this.backlogged && this.#socketHasRoom()) {
      this.#write(data);
      return;
    }
    if (closed) {
      const slot = this.#openSlots.get(channel);
      if (slot !== undefined) {
        this.#openSlots.delete(channel);
        // The closed candle supersedes a queued update of the same (or an older) candle.
        if (slot.data !== null && slot.openTime <= openTime) {
          this.#pendingBytes -= slot.bytes;
          slot.data = null;
          slot.bytes = 0;
        }
      }
      this.#enqueue({ data, bytes: data.length, channel: undefined, openTime });
      return;
    }
    const slot = this.#openSlots.get(channel);
    if (slot !== undefined && slot.data !== null) {
      this.#pendingBytes += data.length - slot.bytes;
      slot.data = data;
      slot.bytes = data.length;
      slot.openTime = openTime;
      this.#check();
      return;
    }
    const pending: Pending = { data, bytes: data.length, channel, openTime };
    this.#openSlots.set(channel, pending);
    this.#enqueue(pending);
  }

  /** A control message (reply, error, stream event): never conflated. */
  sendText(text: string): void {
    if (this.#closed) return;
    if (!this.backlogged && this.#socketHasRoom()) {
      this.#write(text);
      return;
    }
    this.#enqueue({ data: text, bytes: Buffer.byteLength(text), channel: undefined, openTime: 0 });
  }

  /** Moves queued messages to the socket while it is under the high-water mark. Returns whether some still wait. */
  flush(): boolean {
    if (this.#closed) return false;
    const queue = this.#queue;
    while (this.#head < queue.length && this.#socketHasRoom()) {
      const pending = queue[this.#head] as Pending;
      this.#head += 1;
      if (pending.channel !== undefined && this.#openSlots.get(pending.channel) === pending) {
        this.#openSlots.delete(pending.channel);
      }
      if (pending.data === null) continue;
      this.#pendingBytes -= pending.bytes;
      this.#write(pending.data);
    }
    if (this.#head >= queue.length) {
      this.#queue = [];
      this.#head = 0;
      this.#pendingBytes = 0;
      return false;
    }
    return true;
  }

  /** Drops everything queued; nothing more is sent. */
  close(): void {
    this.#closed = true;
    this.#queue = [];
    this.#head = 0;
    this.#pendingBytes = 0;
    this.#openSlots.clear();
  }

  #enqueue(pending: Pending): void {
    const wasBacklogged = this.backlogged;
    this.#queue.push(pending);
    this.#pendingBytes += pending.bytes;
    if (!wasBacklogged) this.#options.onBacklog();
    this.#check();
  }

  #check(): void {
    const total = this.#socket.bufferedAmount + this.#pendingBytes;
    if (total > this.#options.maxBufferedBytes) {
      this.close();
      this.#options.onOverflow(total);
    }
  }

  #write(data: Buffer | string): void {
    if (this.#socket.readyState !== 1) return;
    this.sent += 1;
    this.#inSocket += 1;
    this.#socket.send(data, TEXT_FRAME);
  }
}
