import type { Clock } from './clock';
import type { StallLadderHost } from './stall-ladder';
import type { StreamView } from './stream-host';

/**
 * The stall ladder's view of one stream: its connection, its re-subscribe and recycle, its
 * `stalled`/`recovered` reports. One small object per stream, methods on the prototype.
 */
export class StreamStall implements StallLadderHost {
  readonly #stream: StreamView;
  /** The venue's stall timeout, scaled by the interval where quiet candles push nothing. */
  readonly stallTimeoutMs: number;

  constructor(stream: StreamView) {
    this.#stream = stream;
    this.stallTimeoutMs = stream.host.stallTimeoutFor(stream.id.interval);
  }

  get clock(): Clock {
    return this.#stream.host.clock;
  }

  get random(): (() => number) | undefined {
    return this.#stream.host.random;
  }

  isConnected(): boolean {
    return this.#stream.connected;
  }

  resubscribe(): void {
    this.#stream.host.resubscribe(this.#stream);
  }

  recycle(): void {
    this.#stream.host.recycle(this.#stream);
  }

  acted(action: 'resubscribe' | 'recycle', silentMs: number): void {
    this.#stream.host.observer?.streamSilent?.(this.#stream.key, { silentMs, action });
  }

  stalled(silentMs: number): void {
    this.#stream.reportStalled(silentMs);
  }

  recovered(): void {
    this.#stream.reportRecovered();
  }
}
