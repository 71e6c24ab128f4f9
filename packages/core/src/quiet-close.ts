import type { Candle } from './candle';
import type { TimerHandle } from './clock';
import { nextOpenTime } from './interval';
import type { StreamView } from './stream-host';

/** Checks of a quiet candle once it must have ended, before it is left to the next candle to close. */
const CLOSE_ATTEMPTS_AFTER_DEADLINE = 5;

/**
 * Rollover venues' quiet-candle close confirmation, for one stream. The open candle is closed when
 * the next one starts (over REST, by gap fill); a quiet stream may see no next candle for a long
 * time, so once the candle must have ended REST is asked whether it is final; only REST's answer
 * (a later row, or a row the venue's clock says is over) closes it.
 *
 * When to ask is judged by the local clock, where the venue gives nothing else: at its close time
 * plus the grace (exact when the local clock agrees with the venue's), and at the latest its length
 * plus the grace after it was first seen open (which holds whatever the local clock's offset).
 * An early answer "not final" is asked again, with growing waits, up to that latest time and a
 * few times beyond.
 */
export class QuietCloseCheck {
  readonly #stream: StreamView;
  #timer: TimerHandle | undefined;
  /** Open time of the candle being watched. */
  #for: number | undefined;
  /** Local time by which the candle being checked has surely ended (first seen + length + grace). */
  #deadline = 0;
  #attemptsLate = 0;

  constructor(stream: StreamView) {
    this.#stream = stream;
  }

  /** Hot path: an open update arrived; a candle not watched yet starts its watch. */
  onOpen(candle: Candle, receivedAt: number): void {
    if (this.#for !== candle.openTime) this.#arm(candle.openTime, receivedAt);
  }

  dispose(): void {
    this.#stream.host.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(openTime: number, receivedAt: number): void {
    const { clock, closeGraceMs: grace } = this.#stream.host;
    clock.clearTimeout(this.#timer);
    this.#for = openTime;
    const end = nextOpenTime(this.#stream.id.interval, openTime);
    this.#deadline = receivedAt + (end - openTime) + grace;
    this.#attemptsLate = 0;
    const now = clock.now();
    const delayMs = Math.max(0, Math.min(this.#deadline - now, end + grace - now));
    this.#timer = clock.setTimeout(() => void this.#check(openTime, 0), delayMs);
  }

  async #check(openTime: number, attempt: number): Promise<void> {
    this.#timer = undefined;
    const stream = this.#stream;
    const { sequencer, host } = stream;
    if (stream.closed || sequencer.currentOpen?.openTime !== openTime) return;
    if (sequencer.pendingGap === undefined) {
      const next = nextOpenTime(stream.id.interval, openTime);
      try {
        const rows = await host.fetchCandles(stream.ref, openTime, next);
        if (stream.closed || sequencer.currentOpen?.openTime !== openTime) return;
        const row = rows.find((candidate) => candidate.openTime === openTime);
        const later = rows.some((candidate) => candidate.openTime > openTime);
        if (row && (row.closed || later) && sequencer.pendingGap === undefined) {
          sequencer.closeOpenCandle({ ...row, closed: true }, 'rest');
          return;
        }
      } catch (error) {
        if (stream.closed || host.signal.aborted) return;
        host.observer?.error?.({
          exchange: stream.id.exchange,
          market: stream.id.market,
          stream: stream.key,
          error,
          during: 'close check over REST failed',
        });
      }
    }
    this.#retry(openTime, attempt + 1);
  }

  /** Asks again: waits grow from the grace; past the latest time the candle can end, a few attempts more. */
  #retry(openTime: number, attempt: number): void {
    if (this.#stream.closed || this.#for !== openTime) return;
    const { clock, closeGraceMs } = this.#stream.host;
    const now = clock.now();
    const deadline = this.#deadline;
    if (now >= deadline && this.#attemptsLate >= CLOSE_ATTEMPTS_AFTER_DEADLINE) return;
    if (now >= deadline) this.#attemptsLate += 1;
    else this.#attemptsLate = 0;
    let delayMs = Math.max(1, closeGraceMs) * 2 ** Math.min(attempt - 1, 6);
    if (now < deadline) delayMs = Math.min(delayMs, deadline - now);
    this.#timer = clock.setTimeout(() => void this.#check(openTime, attempt), delayMs);
  }
}
