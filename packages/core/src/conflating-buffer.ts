import { OhlcvError } from './errors';
import type { FeedEvent } from './feed-types';

/** How a {@link ConflatingBuffer} reads its items; pure functions, called once or twice per item. */
export interface ConflationRules<T> {
  /** True for an item that may be replaced by a later one of the same key (an open-candle update). */
  isOpen(item: T): boolean;
  /** The conflation key (a stream); undefined: the item neither conflates nor displaces anything. */
  key(item: T): string | undefined;
  /** Open time of the item's candle. A queued closed item displaces the pending open item of its key at or before this time. */
  time(item: T): number;
}

/**
 * Rules for {@link FeedEvent}s: open candle updates conflate per stream; closed candles displace
 * the stream's pending open update of the same or an older candle. Other events (stalled,
 * recovered, gap, error) are queued like closed candles and displace nothing, but a later open
 * update is queued after them rather than jumping ahead.
 */
export const feedEventConflation: ConflationRules<FeedEvent> = {
  isOpen: (event) => event.type === 'candle' && !event.candle.closed,
  key: (event) => event.stream,
  time: (event) => (event.type === 'candle' ? event.candle.openTime : Number.NEGATIVE_INFINITY),
};

/** `bound` if it is a valid buffer bound (an integer >= 1), else a config error naming it. */
export function checkBufferBound(bound: number): number {
  if (!Number.isInteger(bound) || bound < 1) {
    throw new OhlcvError(`buffer bound must be an integer >= 1, got ${bound}`, { code: 'config' });
  }
  return bound;
}

/**
 * A consumer's bounded buffer. Closed items are queued in order and never dropped while fewer
 * than `bound` are queued; open items are conflated to the latest per key, in the position of the
 * first pending one. `push` and `shift` are O(1) amortised: a power-of-two ring addressed by
 * ever-increasing sequence numbers, so a pending open item keeps its address when the ring grows.
 */
export class ConflatingBuffer<T> {
  readonly bound: number;
  readonly #rules: ConflationRules<T>;
  #slots: Array<T | undefined> = new Array<T | undefined>(16).fill(undefined);
  #mask = 15;
  /** Sequence number of the oldest slot still in the ring (maybe a hole). */
  #head = 0;
  /** Sequence number the next push takes. */
  #tail = 0;
  #size = 0;
  #closedCount = 0;
  /** Key → sequence number of its pending open item. */
  readonly #pendingOpen = new Map<string, number>();

  constructor(bound: number, rules: ConflationRules<T>) {
    this.bound = checkBufferBound(bound);
    this.#rules = rules;
  }

  /** Items queued (open and closed). */
  get size(): number {
    return this.#size;
  }

  /** Closed items queued; `push` of a closed item fails once this reaches `bound`. */
  get closedCount(): number {
    return this.#closedCount;
  }

  /**
   * Queues an item. Returns false, and queues nothing, when a closed item would exceed `bound`:
   * the consumer has fallen too far behind and the caller must report it.
   */
  push(item: T): boolean {
    const key = this.#rules.key(item);
    if (this.#rules.isOpen(item)) {
      const pending = key === undefined ? undefined : this.#pendingOpen.get(key);
      if (pending !== undefined) {
        this.#slots[pending & this.#mask] = item;
        return true;
      }
      this.#append(item);
      if (key !== undefined) this.#pendingOpen.set(key, this.#tail - 1);
      return true;
    }
    if (this.#closedCount >= this.bound) return false;
    if (key !== undefined) this.#displaceOpen(key, this.#rules.time(item));
    this.#append(item);
    this.#closedCount += 1;
    return true;
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    while (this.#head < this.#tail) {
      const index = this.#head & this.#mask;
      const item = this.#slots[index];
      this.#slots[index] = undefined;
      this.#head += 1;
      if (item === undefined) continue; // a displaced open item
      this.#size -= 1;
      if (this.#rules.isOpen(item)) {
        const key = this.#rules.key(item);
        if (key !== undefined && this.#pendingOpen.get(key) === this.#head - 1) this.#pendingOpen.delete(key);
      } else {
        this.#closedCount -= 1;
      }
      return item;
    }
    return undefined;
  }

  clear(): void {
    this.#slots.fill(undefined);
    this.#head = 0;
    this.#tail = 0;
    this.#size = 0;
    this.#closedCount = 0;
    this.#pendingOpen.clear();
  }

  /**
   * A closed item for `key` is being queued: a pending open item of the same or an older candle is
   * superseded and removed; a newer one stays, but later open updates queue behind the closed item.
   */
  #displaceOpen(key: string, time: number): void {
    const pending = this.#pendingOpen.get(key);
    if (pending === undefined) return;
    this.#pendingOpen.delete(key);
    const index = pending & this.#mask;
    const item = this.#slots[index];
    if (item !== undefined && this.#rules.time(item) <= time) {
      this.#slots[index] = undefined;
      this.#size -= 1;
    }
  }

  #append(item: T): void {
    if (this.#tail - this.#head === this.#slots.length) this.#grow();
    this.#slots[this.#tail & this.#mask] = item;
    this.#tail += 1;
    this.#size += 1;
  }

  #grow(): void {
    const slots = new Array<T | undefined>(this.#slots.length * 2).fill(undefined);
    const mask = slots.length - 1;
    for (let sequence = this.#head; sequence < this.#tail; sequence++) {
      slots[sequence & mask] = this.#slots[sequence & this.#mask];
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}
