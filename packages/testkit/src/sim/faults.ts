/**
 * The fault state machine behind `VenueSimulator.faults`: counters and flags set by tests, consumed by
 * the simulator as it sends. It decides WHETHER something goes wrong; the venue decides HOW it looks.
 *
 * How a venue simulator uses it: `new FaultState({ dropConnections: () => … })` where the callback ends
 * every client socket the way the venue does (e.g. `connection.drop()` = no close frame). Expose it as
 * `VenueSimulator.faults`. The `StreamRegistry` applies silence / stall / skip / duplicate / reorder /
 * malformed to kline pushes by itself. The venue checks `silenced` before sending acks, pongs and other
 * replies, and calls `takeHttpError()` at the start of each REST handler (answering with the venue's
 * error body and headers for the returned status).
 */
import type { Interval } from '@ohlcv/core';
import type { SimulatorFaults } from '../simulator-types';

export interface StreamRef {
  symbol: string;
  interval: Interval;
}

/** The key used for per-stream fault state and in the registry: `SYMBOL|interval`. */
export function streamRefKey(stream: StreamRef): string {
  return `${stream.symbol}|${stream.interval}`;
}

export interface FaultStateOptions {
  /** Ends every client connection abruptly, as the venue does. */
  dropConnections(): void;
}

export class FaultState implements SimulatorFaults {
  /** While true, nothing at all is sent (pushes, acks, pongs, server pings). */
  silenced = false;
  private readonly dropHandler: () => void;
  private readonly stalled = new Set<string>();
  /** Per stream: pushes still to skip. */
  private readonly skipByStream = new Map<string, number>();
  /** `skipPushes(count)` without a stream: every stream skips `count`; tracks how many each has skipped. */
  private skipAll: { count: number; skipped: Map<string, number> } | undefined;
  private duplicates = 0;
  private reorders = 0;
  private malformed = 0;
  private httpError: { status: number; count: number } | undefined;

  constructor(options: FaultStateOptions) {
    this.dropHandler = options.dropConnections;
  }

  dropConnections(): void {
    this.dropHandler();
  }

  silence(): void {
    this.silenced = true;
  }

  resume(): void {
    this.silenced = false;
  }

  skipPushes(count: number, stream?: StreamRef): void {
    assertCount('skipPushes', count);
    if (stream) this.skipByStream.set(streamRefKey(stream), count);
    else this.skipAll = { count, skipped: new Map() };
  }

  stallStream(stream: StreamRef): void {
    this.stalled.add(streamRefKey(stream));
  }

  unstallStream(stream: StreamRef): void {
    this.stalled.delete(streamRefKey(stream));
  }

  duplicatePushes(count: number): void {
    assertCount('duplicatePushes', count);
    this.duplicates = count;
  }

  reorderPushes(count: number): void {
    assertCount('reorderPushes', count);
    this.reorders = count;
  }

  malformedFrames(count: number): void {
    assertCount('malformedFrames', count);
    this.malformed = count;
  }

  httpErrors(status: number, count: number): void {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new Error(`httpErrors(status) needs an HTTP error status 400–599, got ${status}`);
    }
    assertCount('httpErrors', count);
    this.httpError = { status, count };
  }

  // ---- consumed by the simulator ----

  isStalled(key: string): boolean {
    return this.stalled.has(key);
  }

  /** True if this push of stream `key` must be skipped (consumes one). */
  takeSkip(key: string): boolean {
    const own = this.skipByStream.get(key);
    if (own !== undefined && own > 0) {
      this.skipByStream.set(key, own - 1);
      return true;
    }
    if (this.skipAll) {
      const skipped = this.skipAll.skipped.get(key) ?? 0;
      if (skipped < this.skipAll.count) {
        this.skipAll.skipped.set(key, skipped + 1);
        return true;
      }
    }
    return false;
  }

  takeDuplicate(): boolean {
    if (this.duplicates <= 0) return false;
    this.duplicates -= 1;
    return true;
  }

  takeReorder(): boolean {
    if (this.reorders <= 0) return false;
    this.reorders -= 1;
    return true;
  }

  takeMalformed(): boolean {
    if (this.malformed <= 0) return false;
    this.malformed -= 1;
    return true;
  }

  /** The status the next REST call must fail with, or `undefined` (consumes one). */
  takeHttpError(): number | undefined {
    if (!this.httpError || this.httpError.count <= 0) return undefined;
    this.httpError.count -= 1;
    return this.httpError.status;
  }
}

function assertCount(method: string, count: number): void {
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`${method}(count) needs an integer ≥ 0, got ${count}`);
}
