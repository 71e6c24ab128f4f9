import type { Duplex } from 'node:stream';
import { type Clock, systemClock } from '@ohlcv/core';
import type { WebSocket } from 'ws';
import { BatchWindowSet, type BatchWindows } from './batch-windows';
import { EventBatch } from './event-batch';

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
  /** The batching windows' timers, shared by the server's clients. @default windows of its own on `clock` */
  windows?: BatchWindowSet;
  /** Clock of the default `windows`. @default the system clock */
  clock?: Clock;
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
  /** While the client batches: the window's stream messages, sent as one frame when it ends. */
  #batch: EventBatch | undefined;
  #batchMs = 0;
  /** The shared windows of `#batchMs`, and the ticket of this client's open window (0 = none open). */
  #windows: BatchWindows | undefined;
  #windowTicket = 0;
  readonly #windowSet: BatchWindowSet;
  /** Messages handed to the socket. */
  sent = 0;

  constructor(socket: WebSocket, options: OutboxOptions) {
    this.#socket = socket;
    this.#options = options;
    this.#maxSocketMessages = options.maxSocketMessages ?? DEFAULT_SOCKET_MESSAGES;
    this.#windowSet = options.windows ?? new BatchWindowSet(options.clock ?? systemClock);
  }

  /** The batching window in ms; 0 = off (what is held goes out first). */
  get batchMs(): number {
    return this.#batchMs;
  }

  /**
   * Batches stream messages (candles, stream events) over windows of `ms` (0 = off): each window's
   * messages go out as one `batch` frame (one message alone as itself). Replies are never batched (`sendReply`).
   */
  setBatch(ms: number): void {
    if (ms === this.#batchMs || this.#closed) return;
    this.#sendBatch();
    this.#batchMs = ms;
    this.#batch = ms > 0 ? (this.#batch ?? new EventBatch()) : undefined;
    this.#windows = ms > 0 ? this.#windowSet.of(ms) : undefined;
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
    const batch = this.#batch;
    if (batch !== undefined) {
      if (batch.empty) this.#startWindow();
      batch.candle(data, channel, closed, openTime);
      this.#check();
      return;
    }
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

  /** A stream event (stalled, recovered, gap, a stream's error): never conflated; batched when the client batches. */
  sendText(text: string): void {
    if (this.#closed) return;
    const batch = this.#batch;
    if (batch !== undefined) {
      if (batch.empty) this.#startWindow();
      batch.text(text);
      this.#check();
      return;
    }
    this.sendReply(text);
  }

  /** A reply (subscribed, pong, a request's error): never conflated nor batched; a held batch goes out first. */
  sendReply(text: string): void {
    if (this.#closed) return;
    this.#sendBatch();
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
    this.#batch?.clear();
    this.#stopWindow();
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

  #startWindow(): void {
    if (this.#windowTicket === 0 && this.#windows !== undefined)
      this.#windowTicket = this.#windows.start(this.#windowEnded);
  }

  #stopWindow(): void {
    if (this.#windowTicket === 0) return;
    this.#windowTicket = 0;
    this.#windows?.cancel();
  }

  /**
   * The window of `ticket` ended: its frame goes to the socket, or — while the socket is behind — it
   * keeps gathering (and conflating) for another window. False when `ticket` is not the open window.
   */
  readonly #windowEnded = (ticket: number): boolean => {
    if (ticket !== this.#windowTicket) return false;
    this.#windowTicket = 0;
    const batch = this.#batch;
    if (this.#closed || batch === undefined || batch.empty) return true;
    if (!this.backlogged && this.#socketHasRoom()) this.#write(batch.frame());
    else this.#startWindow();
    return true;
  };

  /** Sends (or queues, keeping the order) what the batch holds now. */
  #sendBatch(): void {
    const batch = this.#batch;
    if (batch === undefined || batch.empty) return;
    this.#stopWindow();
    const frame = batch.frame();
    if (!this.backlogged && this.#socketHasRoom()) this.#write(frame);
    else this.#enqueue({ data: frame, bytes: frame.length, channel: undefined, openTime: 0 });
  }

  #check(): void {
    const total = this.#socket.bufferedAmount + this.#pendingBytes + (this.#batch?.bytes ?? 0);
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
