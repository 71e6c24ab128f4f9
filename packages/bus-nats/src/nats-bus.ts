import { type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  type BusFollow,
  type BusListener,
  type BusStatus,
  CANDLE_BUS_SPEC_VERSION,
  type Candle,
  type CandleBus,
  type CandleBusOptions,
  streamKey,
} from '@ohlcv/core';
import { type FollowContext, NatsFollow } from './bus-follow';
import { type BusNames, busNames, type StreamSubjects, streamSubjects } from './bus-names';
import { type BusStorage, setUpBus } from './bus-setup';
import { encodeCandle } from './candle-codec';
import { ClosedCandles } from './closed-candles';
import { ConnectionStatus } from './connection-status';
import { DemandStore } from './demand-store';
import { LeaseStore } from './lease-store';
import { parseNatsUrl } from './nats-url';

export interface NatsBusOptions extends CandleBusOptions {
  /** Clock for lease and demand expiry (ms since epoch). @default Date.now */
  now?: () => number;
  /** Connection name shown by the server's monitoring. @default `ohlcv-bus` */
  name?: string;
  /**
   * How long a call made while the connection is down waits for it to come back before it rejects
   * (a request sent while disconnected would only time out). @default 5000
   */
  reconnectWaitMs?: number;
}

export const DEFAULT_RETENTION = 1_000;

/**
 * Opens the NATS JetStream candle bus at `url` (`nats://[user:pass@]host:port`), creating its
 * streams and KV buckets when absent. Rejects with an error naming the URL (without credentials)
 * when the server cannot be reached or has no JetStream. Reconnects forever once open.
 */
export async function createNatsBus(url: string, options: NatsBusOptions = {}): Promise<CandleBus> {
  const retention = options.retention ?? DEFAULT_RETENTION;
  if (!Number.isSafeInteger(retention) || retention < 1) {
    throw new Error(`bus retention must be a whole number ≥ 1, got ${retention}`);
  }
  const names = busNames(options.namespace ?? 'ohlcv');
  const target = parseNatsUrl(url);
  let nc: NatsConnection;
  try {
    nc = await connect({
      ...target.options,
      name: options.name ?? 'ohlcv-bus',
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      pingInterval: 10_000,
    });
  } catch (error) {
    throw new Error(`cannot connect to the NATS bus at ${target.displayUrl}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    const jsm = await jetstreamManager(nc);
    const storage = await setUpBus(nc, jsm, names, retention);
    return new NatsCandleBus({
      nc,
      jsm,
      names,
      displayUrl: target.displayUrl,
      storage,
      now: options.now ?? Date.now,
      reconnectWaitMs: options.reconnectWaitMs ?? 5_000,
    });
  } catch (error) {
    await nc.close().catch(() => undefined);
    throw new Error(`cannot set up the NATS bus at ${target.displayUrl}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

interface BusParts {
  readonly nc: NatsConnection;
  readonly jsm: JetStreamManager;
  readonly names: BusNames;
  readonly displayUrl: string;
  readonly storage: BusStorage;
  readonly now: () => number;
  readonly reconnectWaitMs: number;
}

class NatsCandleBus implements CandleBus {
  readonly specificationVersion = CANDLE_BUS_SPEC_VERSION;
  readonly displayUrl: string;
  readonly #nc: NatsConnection;
  readonly #status: ConnectionStatus;
  readonly #closed: ClosedCandles;
  readonly #leases: LeaseStore;
  readonly #demand: DemandStore;
  readonly #follows = new Set<NatsFollow>();
  readonly #subjects = new Map<string, StreamSubjects>();
  readonly #followContext: FollowContext;
  readonly #reconnectWaitMs: number;
  #closing: Promise<void> | undefined;

  constructor(parts: BusParts) {
    const { nc, jsm, names, displayUrl, storage, now } = parts;
    this.#reconnectWaitMs = parts.reconnectWaitMs;
    this.#nc = nc;
    this.displayUrl = displayUrl;
    this.#status = new ConnectionStatus(nc, displayUrl);
    const js = jetstream(nc);
    this.#followContext = { nc, js, jsm, names, status: this.#status };
    this.#closed = new ClosedCandles(js, jsm, names.closedStream);
    this.#leases = new LeaseStore(storage.leases, now);
    this.#demand = new DemandStore(storage.demand, now);
  }

  get connected(): boolean {
    return this.#status.connected;
  }

  async publishClosed(key: string, candles: readonly Candle[]): Promise<void> {
    const subjects = this.#subjectsOf(key);
    await this.#reachable();
    await this.#closed.publish(subjects, candles);
  }

  async publishOpen(key: string, candle: Candle): Promise<void> {
    const subjects = this.#subjectsOf(key);
    if (streamKey(candle) !== subjects.key) {
      throw new Error(`publishOpen(${subjects.key}): candle is of ${streamKey(candle)}`);
    }
    // Dropped while disconnected: the client would buffer it and flush stale updates on reconnect.
    if (this.#status.connected) this.#nc.publish(subjects.open, encodeCandle(candle));
  }

  async lastClosed(key: string): Promise<Candle | undefined> {
    const subjects = this.#subjectsOf(key);
    await this.#reachable();
    return this.#closed.last(subjects);
  }

  async recentClosed(key: string, limit: number): Promise<Candle[]> {
    const subjects = this.#subjectsOf(key);
    await this.#reachable();
    return this.#closed.recent(subjects, limit);
  }

  follow(key: string, afterOpenTime: number | undefined, listener: BusListener): BusFollow {
    if (afterOpenTime !== undefined && !Number.isFinite(afterOpenTime)) {
      throw new Error(`follow(${key}): afterOpenTime must be a number of ms, got ${afterOpenTime}`);
    }
    if (this.#closing) throw new Error(`follow(${key}): the bus at ${this.displayUrl} is closed`);
    const follow = new NatsFollow(this.#followContext, this.#subjectsOf(key), afterOpenTime, listener);
    this.#follows.add(follow);
    return {
      close: async () => {
        this.#follows.delete(follow);
        await follow.close();
      },
    };
  }

  async announceDemand(ownerId: string, keys: readonly string[], ttlMs: number): Promise<void> {
    const canonical = keys.map((key) => this.#subjectsOf(key).key);
    await this.#reachable();
    await this.#demand.announce(ownerId, canonical, ttlMs);
  }

  async demandedStreams(): Promise<string[]> {
    await this.#reachable();
    return this.#demand.demanded();
  }

  async claimLease(key: string, workerId: string, ttlMs: number): Promise<boolean> {
    const { kvKey } = this.#subjectsOf(key);
    await this.#reachable();
    return this.#leases.claim(kvKey, workerId, ttlMs);
  }

  async renewLease(key: string, workerId: string, ttlMs: number): Promise<boolean> {
    const { kvKey } = this.#subjectsOf(key);
    await this.#reachable();
    return this.#leases.renew(kvKey, workerId, ttlMs);
  }

  async releaseLease(key: string, workerId: string): Promise<void> {
    const { kvKey } = this.#subjectsOf(key);
    await this.#reachable();
    return this.#leases.release(kvKey, workerId);
  }

  async leaseHolder(key: string): Promise<string | undefined> {
    const { kvKey } = this.#subjectsOf(key);
    await this.#reachable();
    return this.#leases.holder(kvKey);
  }

  onStatus(listener: (status: BusStatus) => void): () => void {
    return this.#status.onStatus(listener);
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      const follows = [...this.#follows];
      this.#follows.clear();
      await Promise.all(follows.map((follow) => follow.close()));
      await this.#nc.close();
    })();
    return this.#closing;
  }

  /** Waits (a bounded time) for a connection: a request sent while disconnected only times out. */
  #reachable(): Promise<void> {
    return this.#status.whenConnected(this.#reconnectWaitMs);
  }

  /** The subjects of a stream key, parsed once per key; throws an error naming a bad key. */
  #subjectsOf(key: string): StreamSubjects {
    let subjects = this.#subjects.get(key);
    if (!subjects) {
      subjects = streamSubjects(this.#followContext.names, key);
      this.#subjects.set(key, subjects);
    }
    return subjects;
  }
}
