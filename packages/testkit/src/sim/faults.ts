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
import { type FrameMangle, RestFaults } from './rest-faults';
import type { SimConnection, SimServer } from './sim-server';

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
  /**
   * The simulator's server: its connections take the faults that look the same on every venue (close
   * frame, half-open, forgotten subscriptions, one connection dropped) and its REST routes the slow and
   * hanging responses.
   */
  server?: SimServer;
  /** The venue forgets a connection's subscriptions (a restart behind the socket): drop them from the registry. */
  forgetSubscriptions?(connection: SimConnection): void;
  /** The venue delists `symbol` now: its trading ends, and its sockets and listings react as the venue does. */
  delist?(symbol: string): void;
}

/** Default close frame of `closeConnections`: 1001 "going away" (a venue restarting its gateway). */
const DEFAULT_CLOSE = { code: 1001, reason: 'going away' };

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
  private readonly mangles: FrameMangle[] = [];
  private readonly delisted = new Set<string>();
  /** Slow and hanging REST responses; the `SimServer` consults it before every REST handler. */
  readonly rest = new RestFaults();

  constructor(private readonly options: FaultStateOptions) {
    this.dropHandler = options.dropConnections;
    options.server?.useFaults(this);
  }

  /** Without `connection`: every connection. With it: only the `connection`-th open one (modulo the count). */
  dropConnections(connection?: number): void {
    if (connection === undefined) this.dropHandler();
    else this.pick(connection)?.drop();
  }

  closeConnections(code = DEFAULT_CLOSE.code, reason = DEFAULT_CLOSE.reason, connection?: number): void {
    for (const target of this.targets('closeConnections', connection)) target.close(code, reason);
  }

  halfOpen(connection?: number): void {
    for (const target of this.targets('halfOpen', connection)) target.halfOpen();
  }

  forgetSubscriptions(connection?: number): void {
    const forget = this.options.forgetSubscriptions;
    if (!forget) throw new Error('forgetSubscriptions: this simulator did not wire it');
    for (const target of this.targets('forgetSubscriptions', connection)) forget(target);
  }

  truncateFrames(count: number): void {
    this.queueMangle('truncateFrames', 'truncate', count);
  }

  garbageFrames(count: number): void {
    this.queueMangle('garbageFrames', 'garbage', count);
  }

  oversizedFrames(count: number): void {
    this.queueMangle('oversizedFrames', 'oversize', count);
  }

  slowRest(count: number, delayMs: number): void {
    assertCount('slowRest', count);
    this.rest.slow(count, delayMs);
  }

  hangRest(count: number): void {
    assertCount('hangRest', count);
    this.rest.hang(count);
  }

  releaseRest(): void {
    this.rest.release();
  }

  delistSymbol(symbol: string): void {
    const delist = this.options.delist;
    if (!delist) throw new Error('delistSymbol: this simulator did not wire it');
    if (this.delisted.has(symbol)) return;
    this.delisted.add(symbol);
    delist(symbol);
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

  isDelisted(symbol: string): boolean {
    return this.delisted.has(symbol);
  }

  /** How the next push must be mangled instead of sent whole, or `undefined` (consumes one). */
  takeMangle(): FrameMangle | undefined {
    return this.mangles.shift();
  }

  private queueMangle(method: string, mangle: FrameMangle, count: number): void {
    assertCount(method, count);
    for (let index = 0; index < count; index += 1) this.mangles.push(mangle);
  }

  private openConnections(method: string): SimConnection[] {
    const server = this.options.server;
    if (!server) throw new Error(`${method}: this simulator did not pass its server`);
    return [...server.connections].filter((connection) => connection.isOpen);
  }

  private pick(index: number, method = 'dropConnections'): SimConnection | undefined {
    const open = this.openConnections(method);
    if (!Number.isInteger(index) || index < 0)
      throw new Error(`connection index must be an integer ≥ 0, got ${index}`);
    return open.length === 0 ? undefined : open[index % open.length];
  }

  private targets(method: string, connection: number | undefined): SimConnection[] {
    if (connection !== undefined) {
      const one = this.pick(connection, method);
      return one ? [one] : [];
    }
    return this.openConnections(method);
  }

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
