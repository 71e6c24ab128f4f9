const OPEN = Buffer.from('{"type":"batch","events":[');
const CLOSE = Buffer.from(']}');
const COMMA = 0x2c;

/**
 * The stream messages of one client's batching window, kept as the bytes each was serialized to
 * (candle bytes are shared with every client of the stream). `frame()` concatenates them into one
 * `{"type":"batch","events":[…]}` message: nothing is serialized again. Within the window an open-candle
 * update replaces the stream's earlier one in place (and a closed candle supersedes it); closed candles
 * and stream events are always kept, in order.
 */
export class EventBatch {
  /** Serialized messages in order; null = superseded. */
  readonly #parts: Array<Buffer | null> = [];
  /** Index in `#parts` of the latest open update per stream channel, and that candle's open time. */
  readonly #openSlots = new Map<object, number>();
  readonly #openTimes: number[] = [];
  #bytes = 0;
  #count = 0;

  /** Bytes of the messages held (what the frame will carry, separators aside). */
  get bytes(): number {
    return this.#bytes;
  }

  get empty(): boolean {
    return this.#count === 0;
  }

  candle(data: Buffer, channel: object, closed: boolean, openTime: number): void {
    const slot = this.#openSlots.get(channel);
    if (slot !== undefined) {
      const previous = this.#parts[slot] as Buffer;
      if (!closed) {
        this.#bytes += data.length - previous.length;
        this.#parts[slot] = data;
        this.#openTimes[slot] = openTime;
        return;
      }
      this.#openSlots.delete(channel);
      // The closed candle supersedes a held update of the same (or an older) candle.
      if ((this.#openTimes[slot] as number) <= openTime) {
        this.#bytes -= previous.length;
        this.#count -= 1;
        this.#parts[slot] = null;
      }
    } else if (!closed) this.#openSlots.set(channel, this.#parts.length);
    this.#push(data, openTime);
  }

  /** A stream event (stalled, recovered, gap, a stream's error): kept as is. */
  text(text: string): void {
    this.#push(Buffer.from(text), 0);
  }

  /** The batch message of everything held; the batch is empty afterwards. */
  frame(): Buffer {
    const frame = Buffer.allocUnsafe(OPEN.length + this.#bytes + Math.max(0, this.#count - 1) + CLOSE.length);
    let offset = OPEN.copy(frame, 0);
    let first = true;
    for (const part of this.#parts) {
      if (part === null) continue;
      if (!first) frame[offset++] = COMMA;
      first = false;
      offset += part.copy(frame, offset);
    }
    CLOSE.copy(frame, offset);
    this.clear();
    return frame;
  }

  clear(): void {
    this.#parts.length = 0;
    this.#openTimes.length = 0;
    this.#openSlots.clear();
    this.#bytes = 0;
    this.#count = 0;
  }

  #push(data: Buffer, openTime: number): void {
    this.#parts.push(data);
    this.#openTimes.push(openTime);
    this.#bytes += data.length;
    this.#count += 1;
  }
}
