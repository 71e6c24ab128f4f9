import type { Candle } from './candle';
import type { Clock } from './clock';
import { fillGap, type GapFillContext } from './gap-fill';
import { type Interval, intervalMs } from './interval';
import type { StreamView } from './stream-host';
import { historyDepthOf } from './venue-spec';

/**
 * One stream's gap fill: answers the sequencer's REST requests (one at a time, as the sequencer
 * asks) with what {@link fillGap} gets, and reports once the candles older than the venue's history
 * depth. Made on the stream's first gap; it is the fill's {@link GapFillContext} (methods, no
 * closures).
 */
export class StreamGapFill implements GapFillContext {
  readonly #stream: StreamView;
  /** A gap before this open time was already reported for the venue's history depth. */
  #depthGapBefore: number | undefined;

  constructor(stream: StreamView) {
    this.#stream = stream;
  }

  get clock(): Clock {
    return this.#stream.host.clock;
  }
  get signal(): AbortSignal {
    return this.#stream.host.signal;
  }
  get interval(): Interval {
    return this.#stream.id.interval;
  }
  get venueName(): string {
    return `${this.#stream.id.exchange} ${this.#stream.id.market}`;
  }
  get backoff(): GapFillContext['backoff'] {
    return this.#stream.host.backoff;
  }
  get random(): GapFillContext['random'] {
    return this.#stream.host.random;
  }
  get historyDepth(): number | undefined {
    return historyDepthOf(this.#stream.host.spec, this.#stream.id.interval);
  }
  get emptyIntervals(): 'present' | 'absent' {
    return this.#stream.host.spec.candles.emptyIntervals;
  }

  isCancelled(): boolean {
    return this.#stream.closed;
  }

  newestSeen(): number {
    return this.#stream.sequencer.currentOpen?.openTime ?? 0;
  }

  circuitRetryAt(): number | undefined {
    return this.#stream.host.circuitRetryAt();
  }

  fetch(from: number, to: number): Promise<Candle[]> {
    return this.#stream.host.fetchCandles(this.#stream.ref, from, to);
  }

  onError(error: unknown): void {
    const { id, key, host } = this.#stream;
    host.observer?.error?.({ exchange: id.exchange, market: id.market, stream: key, error });
  }

  /** Whether a sequencer gap ending at `to` lies within the depth gap already reported. */
  reportedAlready(to: number): boolean {
    return this.#depthGapBefore !== undefined && to < this.#depthGapBefore;
  }

  /** The sequencer asks for [from, to]; answered later (never from inside its call). */
  request(from: number, to: number): void {
    void this.#fill(from, to);
  }

  async #fill(from: number, to: number): Promise<void> {
    // Leave the sequencer's call stack first.
    await Promise.resolve();
    const stream = this.#stream;
    const outcome = await fillGap(this, from, to);
    if (outcome.kind === 'cancelled' || stream.closed) return;
    if (outcome.kind === 'unavailable') {
      stream.sequencer.onBackfillFailed(from, to, outcome.reason);
      stream.gapSettled();
      return;
    }
    if (outcome.depthReason !== undefined && outcome.servedFrom > from) {
      this.#depthGapBefore = outcome.servedFrom;
      stream.reportGap(from, outcome.servedFrom - intervalMs(stream.id.interval), outcome.depthReason);
    }
    let used = 0;
    for (const row of outcome.rows) if (row.closed && row.openTime >= from && row.openTime <= to) used++;
    stream.sequencer.onBackfill(from, to, outcome.rows);
    stream.host.observer?.gapFilled?.(stream.key, { from, to, candles: used });
    stream.gapSettled();
  }
}
