import type { Interval } from '../interval';

export interface ToyVenueOptions {
  symbols?: readonly string[];
  /** How the venue answers a subscribe naming a symbol it does not list (or one in `rejectSymbols`). */
  rejectScope?: 'stream' | 'request' | 'silent';
  /** Listed symbols the venue nevertheless refuses to stream. */
  rejectSymbols?: readonly string[];
  /** `flag`: closed pushes carry x:true. `rollover`: no closed push; the next candle's update is the only sign. */
  closeDetection?: 'flag' | 'rollover';
  /** Candles REST keeps per stream (the current one included). */
  historyDepth?: number;
  /** Instruments per `/symbols` page. Default 2 (so paging is exercised). */
  symbolsPageSize?: number;
  /** Virtual start time. Default 2024-01-01T00:00:30Z. */
  startTime?: number;
  /**
   * Open candles (live pushes and REST rows) carry partial values (close = open, half the volume)
   * instead of their final ones, so a candle closed from an open update is told from a final one.
   * On a rollover venue each ending candle's final state is then pushed, unflagged, at its end.
   */
  partialOpen?: boolean;
}

export interface ToyVenue {
  readonly wsBase: string;
  readonly restBase: string;
  readonly symbols: readonly string[];
  now(): number;
  /** Moves virtual time forward, pushing closes (flag venues) and one open update per subscribed stream. */
  advance(ms: number): void;
  candleAt(
    symbol: string,
    interval: Interval,
    openTime: number,
  ): { openTime: number; open: number; high: number; low: number; close: number; volume: number };
  readonly faults: {
    dropConnections(): void;
    silence(): void;
    resume(): void;
    skipPushes(count: number, streamName?: string): void;
    /** Each of the next `count` pushes (per connection) is held and sent after the push that follows it. */
    reorderPushes(count: number): void;
    stallStream(streamName: string): void;
    unstallStream(streamName: string): void;
    httpErrors(status: number, count: number): void;
    sendReconnect(reason: string): void;
    /**
     * The symbol leaves the instrument list mid-stream. `silent` (Binance): its streams stay
     * subscribed and get nothing. `kill` (Hyperliquid): sockets carrying it are dropped, and so is
     * any socket that subscribes it.
     */
    delist(symbol: string, how: 'silent' | 'kill'): void;
    /** While on, every WebSocket upgrade is cut (the venue is down for streaming). */
    refuseConnections(on: boolean): void;
    /** A truncated frame to every connection (as if a push were garbled). */
    sendGarbage(): void;
    /** REST lags the stream by `ms`: it serves the candles as of `now - ms` (0 ends the lag). */
    restLag(ms: number): void;
  };
  /** Stream subscriptions live across all connections. */
  subscriptionCount(): number;
  connectionCount(): number;
  /** REST requests served, optionally only those for `path`. */
  restRequestCount(path?: string): number;
  /** REST request URLs (path + query) in order. */
  readonly restRequests: string[];
  /** Client frames received, parsed, in order. */
  readonly controlFrames: Array<{ op: string; id?: number; args?: string[] }>;
  close(): Promise<void>;
}
