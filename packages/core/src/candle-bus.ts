import type { Candle } from './candle';

/**
 * The contract between ingest workers and edge servers when the project runs across machines
 * (`ohlcv ingest --bus URL`, `ohlcv-wss --bus URL`). Implementations wrap an existing distributed
 * engine (`@ohlcv/bus-redis`, `@ohlcv/bus-nats`); core holds only this type.
 *
 * Streams are named by their stream key `exchange:market:symbol:interval` with the venue's native
 * symbol. Guarantees every implementation keeps:
 * - Closed candles are idempotent per (stream key, openTime): a second publish of the same candle,
 *   from any writer, leaves one copy. Within a stream they are stored in increasing `openTime`; a
 *   publish of a closed candle whose `openTime` is not above the newest stored one is dropped.
 * - Open updates are conflated: a reader may see only the latest.
 * - The last `retention` closed candles per stream are kept, for history joins and hand-over.
 */
export const CANDLE_BUS_SPEC_VERSION = 'v1' as const;

export interface CandleBus {
  readonly specificationVersion: typeof CANDLE_BUS_SPEC_VERSION;
  /** The bus URL with any credentials removed (for logs). */
  readonly displayUrl: string;

  // ── candles (ingest writes, edges read) ────────────────────────────────────────────────
  /** Publishes closed candles of one stream (ascending). Resolves once the bus has them. */
  publishClosed(key: string, candles: readonly Candle[]): Promise<void>;
  /** Publishes the latest open update of a stream; best effort (may be conflated or dropped). */
  publishOpen(key: string, candle: Candle): Promise<void>;
  /** The newest closed candle stored for a stream, if any. */
  lastClosed(key: string): Promise<Candle | undefined>;
  /** Up to `limit` of the newest retained closed candles of a stream, ascending by openTime. */
  recentClosed(key: string, limit: number): Promise<Candle[]>;
  /**
   * Delivers the stream's closed candles with `openTime > afterOpenTime` (all retained ones when
   * undefined), in order and each once, then new ones as they are published; and open updates as
   * they come. Survives bus reconnects by resuming after the last closed candle delivered.
   */
  follow(key: string, afterOpenTime: number | undefined, listener: BusListener): BusFollow;

  // ── demand (edges announce, workers read) ──────────────────────────────────────────────
  /** Marks streams as wanted by `ownerId` until `ttlMs` from now; call again to renew. */
  announceDemand(ownerId: string, keys: readonly string[], ttlMs: number): Promise<void>;
  /** Every stream key some owner still wants (TTL not lapsed). */
  demandedStreams(): Promise<string[]>;

  // ── leases (workers) ───────────────────────────────────────────────────────────────────
  /** Claims `key` for `workerId` for `ttlMs` if no live lease exists; true when now held. */
  claimLease(key: string, workerId: string, ttlMs: number): Promise<boolean>;
  /** Extends a lease `workerId` holds; false when it lapsed or another worker holds it. */
  renewLease(key: string, workerId: string, ttlMs: number): Promise<boolean>;
  /** Gives up a lease `workerId` holds (no-op otherwise). */
  releaseLease(key: string, workerId: string): Promise<void>;
  /** The worker holding a live lease on `key`, if any. */
  leaseHolder(key: string): Promise<string | undefined>;

  // ── lifecycle ──────────────────────────────────────────────────────────────────────────
  /** Current reachability; `onStatus` reports changes. */
  readonly connected: boolean;
  onStatus(listener: (status: BusStatus) => void): () => void;
  close(): Promise<void>;
}

export type BusStatus = { type: 'connected' } | { type: 'disconnected'; error?: Error };

export interface BusListener {
  closed(candle: Candle): void;
  open(candle: Candle): void;
  /** A non-fatal problem (the follow keeps retrying); optional. */
  error?(error: Error): void;
}

export interface BusFollow {
  /** Stops following; no listener call after it resolves. */
  close(): Promise<void>;
}

/** Opens a bus from a URL (`redis://…`, `nats://…`); each bus package exports one. */
export type CandleBusFactory = (url: string, options?: CandleBusOptions) => Promise<CandleBus>;

export interface CandleBusOptions {
  /** Closed candles kept per stream (default 1,000). */
  retention?: number;
  /** Prefix for every key/subject/bucket the bus creates (default `ohlcv`), so tests can share a server. */
  namespace?: string;
}
