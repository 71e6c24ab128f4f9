/**
 * Virtual time and the event scheduler every venue simulator runs on.
 *
 * How a venue simulator uses it: create one `SimulatorClock` per simulator, hand it to the
 * `StreamRegistry` (which schedules kline pushes and candle closes) and call `schedule(at, task)` for
 * any other virtual-time event (e.g. a 24 h force-close). Register `addSettler(server.flushed)` so that
 * `await clock.advance(ms)` returns only after the frames it produced were written to the sockets.
 * Expose it as `VenueSimulator.clock`. Real-time concerns (socket pings, rate limits) do NOT use it.
 *
 * - `manual`: time moves only by `advance(ms)`, which runs every scheduled event in time order (ties in
 *   scheduling order), setting `now()` to each event's time while it runs.
 * - `auto`: virtual time = start + speed × real elapsed; an unref'd real timer runs events when due.
 *   `advance(ms)` still works (jumps ahead).
 */
import type { VirtualClock } from '../simulator-types';

/** 2026-01-01T00:00:00Z: aligned to every interval up to 1d (and a month start), so runs are deterministic. */
export const DEFAULT_START_TIME = Date.UTC(2026, 0, 1);

export type ClockMode = { mode: 'manual' } | { mode: 'auto'; speed: number };

export interface SimulatorClockOptions {
  clock?: ClockMode;
  /** Virtual ms at creation. Default {@link DEFAULT_START_TIME}. */
  startTime?: number;
}

/** A task run at a virtual time; may return a promise, which the clock awaits before the next event. */
export type ScheduledTask = () => void | Promise<void>;

/** Handle of a scheduled event; `cancel()` is idempotent. */
export interface ScheduledEvent {
  readonly at: number;
  cancel(): void;
}

class QueuedEvent implements ScheduledEvent {
  cancelled = false;
  constructor(
    readonly at: number,
    readonly order: number,
    readonly task: ScheduledTask,
  ) {}
  cancel(): void {
    this.cancelled = true;
  }
}

/** Events between two awaits of the settlers during a long advance (keeps memory and latency bounded). */
const SETTLE_EVERY_EVENTS = 500;

export class SimulatorClock implements VirtualClock {
  readonly mode: 'manual' | 'auto';
  private readonly speed: number;
  private virtualNow: number;
  /** auto mode: virtual time at `realOrigin`. */
  private virtualOrigin: number;
  private realOrigin: number;
  private readonly queue: QueuedEvent[] = [];
  private order = 0;
  private running: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private readonly settlers: Array<() => Promise<void>> = [];
  private stopped = false;

  constructor(options: SimulatorClockOptions = {}) {
    const clock = options.clock ?? { mode: 'manual' };
    const startTime = options.startTime ?? DEFAULT_START_TIME;
    if (!Number.isFinite(startTime))
      throw new Error(`startTime must be a finite ms timestamp, got ${startTime}`);
    if (clock.mode === 'auto' && !(clock.speed > 0 && Number.isFinite(clock.speed))) {
      throw new Error(`auto clock speed must be a positive number, got ${clock.speed}`);
    }
    this.mode = clock.mode;
    this.speed = clock.mode === 'auto' ? clock.speed : 1;
    this.virtualNow = startTime;
    this.virtualOrigin = startTime;
    this.realOrigin = performance.now();
  }

  now(): number {
    if (this.mode === 'manual') return this.virtualNow;
    const auto = this.virtualOrigin + Math.floor((performance.now() - this.realOrigin) * this.speed);
    // Never behind an event already run (events set virtualNow to their time).
    return Math.max(auto, this.virtualNow);
  }

  /** Runs `task` when virtual time reaches `at` (immediately on the next advance/tick if `at` ≤ now). */
  schedule(at: number, task: ScheduledTask): ScheduledEvent {
    const event = new QueuedEvent(at, this.order++, task);
    insertSorted(this.queue, event);
    if (this.mode === 'auto' && at < this.timerAt) this.armTimer();
    return event;
  }

  /** Awaited after each advance (and periodically during long ones), e.g. the server's socket flush. */
  addSettler(settle: () => Promise<void>): void {
    this.settlers.push(settle);
  }

  advance(ms: number): Promise<void> {
    if (!(ms >= 0) || !Number.isFinite(ms)) {
      return Promise.reject(new Error(`advance(ms) needs a finite ms ≥ 0, got ${ms}`));
    }
    const run = this.running.then(async () => {
      const target = this.now() + ms;
      if (this.mode === 'auto') {
        this.virtualOrigin += ms;
      }
      await this.runUntil(target);
      if (this.mode === 'manual') this.virtualNow = target;
    });
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Stops the auto timer and drops every scheduled event. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    this.queue.length = 0;
  }

  private async runUntil(target: number): Promise<void> {
    let sinceSettle = 0;
    while (!this.stopped) {
      const next = this.queue[0];
      if (!next || next.at > target) break;
      this.queue.shift();
      if (next.cancelled) continue;
      if (next.at > this.virtualNow) this.virtualNow = next.at;
      const result = next.task();
      if (result) await result;
      sinceSettle += 1;
      if (sinceSettle >= SETTLE_EVERY_EVENTS) {
        sinceSettle = 0;
        await this.settle();
      }
    }
    await this.settle();
  }

  private async settle(): Promise<void> {
    for (const settle of this.settlers) await settle();
  }

  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const next = this.queue[0];
    if (this.stopped || !next) return;
    const delayMs = Math.max(1, Math.ceil((next.at - this.now()) / this.speed));
    this.timerAt = next.at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
      const run = this.running.then(() => this.runUntil(this.now()));
      this.running = run.catch(() => undefined).then(() => this.armTimer());
    }, delayMs);
    this.timer.unref?.();
  }
}

function insertSorted(queue: QueuedEvent[], event: QueuedEvent): void {
  let low = 0;
  let high = queue.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const other = queue[middle]!;
    if (other.at < event.at || (other.at === event.at && other.order < event.order)) low = middle + 1;
    else high = middle;
  }
  queue.splice(low, 0, event);
}
