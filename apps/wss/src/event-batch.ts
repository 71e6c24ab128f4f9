const OPEN = Buffer.from('{"type":"batch","events":[');
const CLOSE = Buffer.from(']}');
const COMMA = 0x2c;
/** Slots kept for the next window; beyond this the arrays are let go. */
const KEEP_SLOTS = 256;
/** Up to this many messages a window finds a stream's open update by scanning; beyond, by a map. */
const SCAN_SLOTS = 16;

/**
 * The stream messages of one client's batching window, kept as the bytes each was serialized to
 * (candle bytes are shared with every client of the stream). `frame()` concatenates them into one
 * `{"type":"batch","events":[…]}` message: nothing is serialized again. A window holding one message
 * goes out as that message itself (its shared bytes, no copy). Within the window an open-candle update
 * replaces the stream's earlier one in place (and a closed candle supersedes it); closed candles and
 * stream events are always kept, in order.
 */
export class EventBatch {
  /** Serialized messages in order, the first `#length` in use; null = superseded. Reused window after window. */
  readonly #parts: Array<Buffer | null> = [];
  /** Per slot: the stream channel whose latest open update it holds (else undefined), and its open time. */
  readonly #channels: Array<object | undefined> = [];
  readonly #openTimes: number[] = [];
  /** Slot of the latest open update per channel, kept only past `SCAN_SLOTS` (a long or slow window). */
  readonly #openSlots = new Map<object, number>();
  #mapped = false;
  #length = 0;
  #bytes = 0;
  #count = 0;

  /** Bytes of the messages held (what the frame will carry, separators aside). */
  get bytes(): number {
    return this.#bytes;
  }

  get empty(): boolean {
    return this.#count === 0;
  }

  /** The slot of `channel`'s latest open update held, or -1. */
  #openSlot(channel: object): number {
    if (!this.#mapped && this.#length > SCAN_SLOTS) this.#map();
    if (this.#mapped) return this.#openSlots.get(channel) ?? -1;
    const channels = this.#channels;
    for (let index = this.#length - 1; index >= 0; index -= 1) if (channels[index] === channel) return index;
    return -1;
  }

  candle(data: Buffer, channel: object, closed: boolean, openTime: number): void {
    const slot = this.#openSlot(channel);
    if (slot >= 0) {
      const previous = this.#parts[slot] as Buffer;
      if (!closed) {
        this.#bytes += data.length - previous.length;
        this.#parts[slot] = data;
        this.#openTimes[slot] = openTime;
        return;
      }
      this.#channels[slot] = undefined;
      if (this.#mapped) this.#openSlots.delete(channel);
      // The closed candle supersedes a held update of the same (or an older) candle.
      if ((this.#openTimes[slot] as number) <= openTime) {
        this.#bytes -= previous.length;
        this.#count -= 1;
        this.#parts[slot] = null;
      }
    }
    const index = this.#length;
    this.#push(data, openTime);
    if (closed) return;
    this.#channels[index] = channel;
    if (this.#mapped) this.#openSlots.set(channel, index);
  }

  /** From now on (this window), open updates are found by a map. */
  #map(): void {
    for (let index = 0; index < this.#length; index += 1) {
      const channel = this.#channels[index];
      if (channel !== undefined) this.#openSlots.set(channel, index);
    }
    this.#mapped = true;
  }

  /** A stream event (stalled, recovered, gap, a stream's error): kept as is. */
  text(text: string): void {
    this.#push(Buffer.from(text), 0);
  }

  /**
   * What the window sends, and the batch is empty afterwards: the one message it holds as it is, or
   * the batch message of all of them.
   */
  frame(): Buffer {
    const parts = this.#parts;
    if (this.#count === 1) {
      let only: Buffer | null = null;
      for (let index = 0; index < this.#length; index += 1) {
        only ??= parts[index] as Buffer | null;
        parts[index] = null;
      }
      this.#reset();
      return only as Buffer;
    }
    const frame = Buffer.allocUnsafe(OPEN.length + this.#bytes + Math.max(0, this.#count - 1) + CLOSE.length);
    let offset = OPEN.copy(frame, 0);
    let first = true;
    for (let index = 0; index < this.#length; index += 1) {
      const part = parts[index] as Buffer | null;
      if (part === null) continue;
      // Not kept past the window: the slot is reused by the next one.
      parts[index] = null;
      if (!first) frame[offset++] = COMMA;
      first = false;
      offset += part.copy(frame, offset);
    }
    CLOSE.copy(frame, offset);
    this.#reset();
    return frame;
  }

  clear(): void {
    this.#parts.fill(null, 0, this.#length);
    this.#reset();
  }

  #reset(): void {
    this.#channels.fill(undefined, 0, this.#length);
    if (this.#mapped) {
      this.#openSlots.clear();
      this.#mapped = false;
    }
    // A window that grew large (a slow client's) does not keep its arrays' room.
    if (this.#length > KEEP_SLOTS) {
      this.#parts.length = 0;
      this.#channels.length = 0;
      this.#openTimes.length = 0;
    }
    this.#length = 0;
    this.#bytes = 0;
    this.#count = 0;
  }

  #push(data: Buffer, openTime: number): void {
    const index = this.#length;
    this.#parts[index] = data;
    this.#channels[index] = undefined;
    this.#openTimes[index] = openTime;
    this.#length = index + 1;
    this.#bytes += data.length;
    this.#count += 1;
  }
}
