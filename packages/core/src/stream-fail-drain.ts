import type { TimerHandle } from './clock';
import type { OhlcvError } from './errors';
import type { StreamView } from './stream-host';

/** Longest a failing stream waits for its gap fill in flight, on the engine's clock. */
export const FAIL_DRAIN_MS = 5 * 60_000;

/** What the drain needs of its stream beyond the view: the failure itself, once drained. */
export interface DrainingStream extends StreamView {
  failNow(error: OhlcvError): void;
}

/**
 * A stream that fails (delisted, refused by the venue) while a gap fill is in flight: the fill goes
 * on, and what it brings — and the closed candles held behind it — reaches the consumers before the
 * failure, so a delisting loses nothing the venue still serves. Bounded: after
 * {@link FAIL_DRAIN_MS} the range still missing is reported as a gap, the held candles go out, and
 * the stream fails. Made only when a stream fails with a gap pending.
 */
export class StreamFailDrain {
  readonly #stream: DrainingStream;
  readonly #error: OhlcvError;
  #timer: TimerHandle | undefined;

  constructor(stream: DrainingStream, error: OhlcvError) {
    this.#stream = stream;
    this.#error = error;
    this.#timer = stream.host.clock.setTimeout(() => this.#giveUp(), FAIL_DRAIN_MS);
  }

  /** A gap fill's answer was applied: with nothing more pending, the stream fails now. */
  gapSettled(): void {
    if (this.#stream.sequencer.pendingGap === undefined) this.#finish();
  }

  dispose(): void {
    if (this.#timer !== undefined) this.#stream.host.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #giveUp(): void {
    this.#timer = undefined;
    const pending = this.#stream.sequencer.pendingGap;
    if (pending !== undefined) {
      const reason = `not filled before the stream failed: ${this.#error.message}`;
      this.#stream.sequencer.onBackfillFailed(pending.from, pending.to, reason);
    }
    this.#finish();
  }

  #finish(): void {
    this.dispose();
    this.#stream.failNow(this.#error);
  }
}
