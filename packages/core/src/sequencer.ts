import type { Candle } from './candle';
import { CandleRing } from './candle-ring';
import { alignOpenTime, type Interval, intervalMs, nextOpenTime } from './interval';

export type CandleSource = 'live' | 'rest';

export interface StreamSequencerOptions {
  interval: Interval;
  /** Whether the venue has a candle for an interval without trades; decides if REST holes are reported. */
  emptyIntervals: 'present' | 'absent';
  /** Closed candles kept for {@link StreamSequencer.recent}. @default 1000 */
  ringSize?: number;
  /** Closed candles (strictly increasing openTime, each once) and open updates, in order. */
  emit(candle: Candle, source: CandleSource): void;
  /** Ask REST for the closed candles with open times in [from, to]; answer with `onBackfill` or `onBackfillFailed`. */
  requestGap(from: number, to: number): void;
  dropped(candle: Candle, reason: 'duplicate' | 'stale'): void;
  /** Closed candles with open times in [from, to] that the venue could not provide. */
  gap(from: number, to: number, reason: string): void;
}

interface HeldCandle {
  candle: Candle;
  source: CandleSource;
}

/**
 * Orders one stream's candles: every closed candle from the first candle seen on is emitted
 * exactly once, in increasing openTime, live or from REST. Pure: no timers, no I/O; time is judged
 * only by the candles themselves. State survives reconnects — that is how gaps across one are found.
 *
 * A candle is closed only from a state known to be final: a closed frame (the venue's flag) or a
 * REST row. A later candle starting never closes the previous one from its last open update — on a
 * venue without a closed flag (rollover) nothing in the frames tells a final push from one followed
 * by a push that was skipped, garbled or reordered (arrival times do not either: frames arrive in
 * bunches), so the previous candle is owed and REST supplies it, as on a flag venue whose closed
 * frame was missed.
 *
 * At most one REST request is pending. While it is, later closed candles are held in order and
 * open updates conflated; when it resolves they are released, and any further missing range
 * (known from a held candle or a later open candle) is requested next, so every missing candle is
 * asked for exactly once.
 */
export class StreamSequencer {
  readonly #options: StreamSequencerOptions;
  readonly #ring: CandleRing;
  /** Open time of the first closed candle still owed; undefined until the first candle anchors the stream. */
  #expected: number | undefined;
  #lastClosed: number | undefined;
  /** Every candle opening before this is owed as closed (a later candle was seen open). */
  #owedBefore = Number.NEGATIVE_INFINITY;
  #currentOpen: Candle | undefined;
  /** The current open candle has updates not yet emitted (held while a gap is pending). */
  #openUnsent = false;
  #gapFrom: number | undefined;
  #gapTo: number | undefined;
  /** Closed candles beyond the expected one, ascending by openTime, waiting for the gap before them. */
  readonly #held: HeldCandle[] = [];

  constructor(options: StreamSequencerOptions) {
    this.#options = options;
    this.#ring = new CandleRing(options.ringSize ?? 1000);
  }

  /** Open time of the last closed candle emitted or given up on (reported as a gap). */
  get lastClosedOpenTime(): number | undefined {
    return this.#lastClosed;
  }

  get currentOpen(): Candle | undefined {
    return this.#currentOpen;
  }

  /** The REST range awaiting an answer, if any. */
  get pendingGap(): { from: number; to: number } | undefined {
    if (this.#gapFrom === undefined || this.#gapTo === undefined) return undefined;
    return { from: this.#gapFrom, to: this.#gapTo };
  }

  /** Closed candles held until the pending gap resolves. */
  get heldCount(): number {
    return this.#held.length;
  }

  /** Open time of the next closed candle owed; undefined before the first candle. */
  expectedNext(): number | undefined {
    return this.#expected;
  }

  /** The last `n` closed candles emitted, oldest first. */
  recent(n: number): Candle[] {
    return this.#ring.lastN(n);
  }

  /** A live candle (closed or open) of this stream. */
  onLive(candle: Candle): void {
    if (candle.closed) this.#onClosed(candle, 'live');
    else this.#onOpen(candle);
  }

  /**
   * A rollover venue's quiet open candle was judged final (its close time passed and REST
   * confirmed it): emit it as closed if it is the expected one, else hold it behind the gap.
   */
  closeOpenCandle(candle: Candle, source: CandleSource = 'rest'): void {
    this.#onClosed(candle.closed ? candle : { ...candle, closed: true }, source);
  }

  /**
   * REST's answer for the pending range. Rows may be unordered, unclosed, duplicated or outside
   * the range; only closed rows in [from, to] not yet emitted are used. Returns false (and does
   * nothing) if [from, to] is not the pending range.
   */
  onBackfill(from: number, to: number, candles: readonly Candle[]): boolean {
    const reason = this.#options.emptyIntervals === 'present' ? 'venue REST has no candle' : undefined;
    return this.#resolve(from, to, isAscending(candles) ? candles : sortByOpenTime(candles), reason);
  }

  /** REST could not provide the pending range: report it as a gap and go on. */
  onBackfillFailed(from: number, to: number, reason: string): boolean {
    return this.#resolve(from, to, [], reason);
  }

  #onClosed(candle: Candle, source: CandleSource): void {
    if (this.#expected === undefined) {
      this.#emitClosed(candle, source); // the anchor: nothing before it is owed
      return;
    }
    this.#acceptClosed(candle, source);
    this.#settle();
  }

  #onOpen(candle: Candle): void {
    const openTime = candle.openTime;
    if (this.#expected === undefined) {
      this.#expected = openTime; // the anchor: owed from this candle on
      this.#currentOpen = candle;
      this.#options.emit(candle, 'live');
      return;
    }
    if (this.#isStaleOpen(openTime)) {
      this.#options.dropped(candle, 'stale');
      return;
    }
    const current = this.#currentOpen;
    if (current !== undefined && openTime === current.openTime) {
      this.#currentOpen = candle;
      if (this.#gapFrom === undefined) this.#options.emit(candle, 'live');
      else this.#openUnsent = true;
      return;
    }
    // A later candle started: the previous one is owed as closed, and only a closed frame or REST
    // (never its last open update) supplies it.
    this.#owedBefore = openTime;
    this.#currentOpen = candle;
    this.#openUnsent = true;
    this.#settle();
  }

  #isStaleOpen(openTime: number): boolean {
    if (openTime < (this.#expected as number)) return true;
    if (this.#currentOpen !== undefined && openTime < this.#currentOpen.openTime) return true;
    if (this.#gapTo !== undefined && openTime <= this.#gapTo) return true;
    const lastHeld = this.#held[this.#held.length - 1];
    return lastHeld !== undefined && openTime <= lastHeld.candle.openTime;
  }

  /** Emits a closed candle if it is the expected one and nothing is pending; else holds it. */
  #acceptClosed(candle: Candle, source: CandleSource): void {
    const openTime = candle.openTime;
    if (openTime < (this.#expected as number)) {
      this.#options.dropped(candle, 'duplicate');
      return;
    }
    if (openTime === this.#expected && this.#gapFrom === undefined) {
      this.#emitClosed(candle, source);
      return;
    }
    let index = this.#held.length;
    while (index > 0 && (this.#held[index - 1] as HeldCandle).candle.openTime > openTime) index--;
    const before = this.#held[index - 1];
    if (before !== undefined && before.candle.openTime === openTime) {
      this.#options.dropped(candle, 'duplicate');
      return;
    }
    this.#held.splice(index, 0, { candle, source });
    if (this.#currentOpen !== undefined && this.#currentOpen.openTime <= openTime) this.#dropCurrentOpen();
  }

  /** With nothing pending: release held candles in order, request the next missing range, or release the open update. */
  #settle(): void {
    if (this.#gapFrom !== undefined) return;
    const held = this.#held;
    for (let first = held[0]; first !== undefined; first = held[0]) {
      const openTime = first.candle.openTime;
      if (openTime > (this.#expected as number)) break;
      held.shift();
      if (openTime < (this.#expected as number)) this.#options.dropped(first.candle, 'duplicate');
      else this.#emitClosed(first.candle, first.source);
    }
    const expected = this.#expected as number;
    const knownAfter = held[0]?.candle.openTime ?? this.#owedBefore;
    if (expected < knownAfter) {
      this.#gapFrom = expected;
      this.#gapTo = previousOpenTime(this.#options.interval, knownAfter);
      this.#options.requestGap(this.#gapFrom, this.#gapTo); // may answer synchronously
      return;
    }
    if (this.#openUnsent && this.#currentOpen !== undefined) {
      this.#openUnsent = false;
      this.#options.emit(this.#currentOpen, 'live');
    }
  }

  #resolve(from: number, to: number, rows: readonly Candle[], reason: string | undefined): boolean {
    if (from !== this.#gapFrom || to !== this.#gapTo) return false;
    this.#gapFrom = undefined;
    this.#gapTo = undefined;
    const held = this.#held;
    let row = 0;
    for (;;) {
      const expected = this.#expected as number;
      while (row < rows.length && !isUsable(rows[row] as Candle, Math.max(from, expected), to)) row++;
      const rest = rows[row];
      const live = held[0] !== undefined && held[0].candle.openTime <= to ? held[0] : undefined;
      let candle: Candle;
      let source: CandleSource;
      if (rest !== undefined && (live === undefined || rest.openTime <= live.candle.openTime)) {
        row++;
        candle = rest;
        source = 'rest';
      } else if (live !== undefined) {
        held.shift();
        if (live.candle.openTime < expected) {
          this.#options.dropped(live.candle, 'duplicate');
          continue;
        }
        candle = live.candle;
        source = live.source;
      } else {
        break;
      }
      if (reason !== undefined && candle.openTime > expected) {
        this.#options.gap(expected, previousOpenTime(this.#options.interval, candle.openTime), reason);
      }
      this.#emitClosed(candle, source);
    }
    const expected = this.#expected as number;
    if (expected <= to) {
      if (reason !== undefined) this.#options.gap(expected, to, reason);
      this.#lastClosed = to;
      this.#expected = nextOpenTime(this.#options.interval, to);
    }
    this.#settle();
    return true;
  }

  #emitClosed(candle: Candle, source: CandleSource): void {
    this.#lastClosed = candle.openTime;
    this.#expected = nextOpenTime(this.#options.interval, candle.openTime);
    if (this.#currentOpen !== undefined && this.#currentOpen.openTime <= candle.openTime)
      this.#dropCurrentOpen();
    this.#ring.push(candle);
    this.#options.emit(candle, source);
  }

  #dropCurrentOpen(): void {
    this.#currentOpen = undefined;
    this.#openUnsent = false;
  }
}

function isUsable(candle: Candle, from: number, to: number): boolean {
  return candle.closed && candle.openTime >= from && candle.openTime <= to;
}

/** Open time of the candle before the one opening at `openTime` (calendar-aware for `1M`). */
function previousOpenTime(interval: Interval, openTime: number): number {
  return interval === '1M' ? alignOpenTime('1M', openTime - 1) : openTime - intervalMs(interval);
}

function isAscending(candles: readonly Candle[]): boolean {
  for (let index = 1; index < candles.length; index++) {
    if ((candles[index] as Candle).openTime < (candles[index - 1] as Candle).openTime) return false;
  }
  return true;
}

function sortByOpenTime(candles: readonly Candle[]): Candle[] {
  return [...candles].sort((a, b) => a.openTime - b.openTime);
}
