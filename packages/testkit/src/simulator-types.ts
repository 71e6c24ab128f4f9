import type { Candle, ExchangeId, Interval, MarketType } from '@ohlcv/core';

/**
 * Simulated venue time. `manual`: time moves only by `advance`. `auto`: virtual time runs `speed`
 * times faster than real time (for child-process tests where nobody can call `advance`).
 */
export interface VirtualClock {
  now(): number;
  /** Move virtual time forward by `ms`, emitting every push and candle close on the way, in order. */
  advance(ms: number): Promise<void>;
  /** Runs `task` when virtual time reaches `at` (in auto mode as time passes, in manual mode on advance). */
  schedule(at: number, task: () => void | Promise<void>): { cancel(): void };
  readonly mode: 'manual' | 'auto';
}

/** Faults a test can inject into a running simulator. Counts apply to what happens next. */
export interface SimulatorFaults {
  /**
   * Close every client connection abruptly (no close frame where the venue does that); with
   * `connection`, only the `connection`-th open one (modulo the count), without a close frame (1006).
   */
  dropConnections(connection?: number): void;
  /** Close connections with a close frame (default 1001 "going away"): every one, or the `connection`-th. */
  closeConnections(code?: number, reason?: string, connection?: number): void;
  /** Half-open sockets: they stay open, the venue sends nothing on them and ignores pings (every one, or the `connection`-th). */
  halfOpen(connection?: number): void;
  /** A venue restart behind the socket: subscriptions forgotten, the socket stays open and answers pings. */
  forgetSubscriptions(connection?: number): void;
  /** The next `count` pushes are cut in half on the wire (the data is lost for the socket). */
  truncateFrames(count: number): void;
  /** The next `count` pushes are replaced by bytes that are not JSON. */
  garbageFrames(count: number): void;
  /** The next `count` pushes arrive whole but padded to over 1 MiB. */
  oversizedFrames(count: number): void;
  /** The next `count` REST responses are delayed `delayMs` real ms. */
  slowRest(count: number, delayMs: number): void;
  /** The next `count` REST requests get no answer until the client gives up or `releaseRest()`. */
  hangRest(count: number): void;
  releaseRest(): void;
  /**
   * `symbol` is delisted now: no candle opens from the next boundary on, listings drop it, and the
   * venue's sockets react as its documentation says (Binance: silence; Hyperliquid: the connections
   * carrying it are dropped and a re-subscribe kills the socket; OKX, Bybit, Gate: re-subscribes refused).
   */
  delistSymbol(symbol: string): void;
  /** Stop sending anything (pushes, pongs, acks) until `resume()`; sockets stay open. */
  silence(): void;
  resume(): void;
  /** The next `count` kline pushes per stream are not sent; that data then exists only over REST. */
  skipPushes(count: number, stream?: { symbol: string; interval: Interval }): void;
  /** Keep one stream silent (acked, never pushed) until `unstall`. */
  stallStream(stream: { symbol: string; interval: Interval }): void;
  unstallStream(stream: { symbol: string; interval: Interval }): void;
  /** Send the next `count` pushes twice. */
  duplicatePushes(count: number): void;
  /** Hold back one push and send it after the next one, `count` times. */
  reorderPushes(count: number): void;
  /** Send `count` malformed frames (invalid JSON / wrong shapes) among the pushes. */
  malformedFrames(count: number): void;
  /** Answer the next `count` REST calls with `status` (429 carries the venue's retry headers). */
  httpErrors(status: number, count: number): void;
}

/** What a test or the demo needs from any venue simulator. */
export interface VenueSimulator {
  readonly exchange: ExchangeId;
  readonly market: MarketType;
  /** Base URLs to pass as endpoint overrides: `ws://127.0.0.1:<port>` and `http://127.0.0.1:<port>`. */
  readonly wsBase: string;
  readonly restBase: string;
  readonly clock: VirtualClock;
  readonly faults: SimulatorFaults;
  /** Native symbols the simulated venue lists. */
  readonly symbols: readonly string[];
  /** The candle the venue has for this stream and open time, as final (deterministic). `undefined` if none (no trades). */
  candleAt(symbol: string, interval: Interval, openTime: number): Candle | undefined;
  /** Live upstream subscriptions across all connections (for shared-upstream tests). */
  subscriptionCount(): number;
  /** Open client WebSocket connections. */
  connectionCount(): number;
  /** REST requests received and not answered yet (slow, hung, or being served). */
  restInFlight(): number;
  /** REST requests served so far, by path. */
  restRequestCount(path?: string): number;
  close(): Promise<void>;
}
