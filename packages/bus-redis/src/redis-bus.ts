import {
  type BusFollow,
  type BusListener,
  type BusStatus,
  CANDLE_BUS_SPEC_VERSION,
  type Candle,
  type CandleBus,
  type CandleBusOptions,
} from '@ohlcv/core';
import Redis, { type RedisOptions } from 'ioredis';
import { encodeCandle, entryCandle } from './candle-codec';
import { RedisFollower } from './redis-follower';
import { RedisKeys } from './redis-keys';
import { type BusScripts, withBusScripts } from './redis-scripts';

export interface RedisBusOptions extends CandleBusOptions {
  /** How long `createRedisBus` waits for the first connection. @default 10_000 */
  connectTimeoutMs?: number;
  /** Longest pause between reconnect attempts. @default 2_000 */
  maxReconnectDelayMs?: number;
}

/** Redis's answer to an XADD whose explicit id is not above the stream's newest: the candle is there already. */
const DUPLICATE_ID = /equal or smaller than the target stream top item/;

export function displayRedisUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  if (parsed.username) parsed.username = '***';
  return parsed.toString();
}

/**
 * The CandleBus over Redis Streams. Per stream key: a stream of closed candles whose entry ids are
 * `<openTime>-0` (so Redis refuses a second write of the same candle, from any writer), trimmed to
 * about `retention` entries; a stream capped at one entry holding the latest open update. Demand is a
 * sorted set scored by expiry (Redis clock); leases are `SET NX PX` keys renewed by compare-and-renew.
 */
export class RedisBus implements CandleBus {
  readonly specificationVersion = CANDLE_BUS_SPEC_VERSION;
  readonly displayUrl: string;
  readonly #redis: Redis & BusScripts;
  readonly #reader: Redis;
  readonly #keys: RedisKeys;
  readonly #retention: number;
  readonly #follower: RedisFollower;
  readonly #listeners = new Set<(status: BusStatus) => void>();
  #connected = false;
  #lastError: Error | undefined;

  constructor(url: string, options: RedisBusOptions = {}) {
    this.displayUrl = displayRedisUrl(url);
    this.#keys = new RedisKeys(options.namespace ?? 'ohlcv');
    this.#retention = options.retention ?? 1_000;
    if (!Number.isInteger(this.#retention) || this.#retention < 1) {
      throw new RangeError(`bus retention must be an integer >= 1, got ${options.retention}`);
    }
    const maxDelay = options.maxReconnectDelayMs ?? 2_000;
    const redisOptions: RedisOptions = {
      lazyConnect: true,
      // Fail fast while disconnected: the callers buffer and retry themselves.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      connectTimeout: options.connectTimeoutMs ?? 10_000,
      retryStrategy: (attempt) => Math.min(maxDelay, 50 * 2 ** Math.min(attempt, 10)),
    };
    this.#redis = withBusScripts(new Redis(url, redisOptions));
    this.#reader = new Redis(url, redisOptions);
    this.#follower = new RedisFollower(this.#reader, this.#redis, this.#keys);
    this.#redis.on('ready', () => this.#setStatus({ type: 'connected' }));
    this.#redis.on('close', () => this.#setStatus({ type: 'disconnected' }));
    this.#redis.on('error', (error: Error) => {
      this.#lastError = error;
      if (this.#connected) this.#setStatus({ type: 'disconnected', error });
    });
    // Errors of the blocking connection show up in its read loop.
    this.#reader.on('error', () => undefined);
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** Opens both connections; rejects naming the URL when Redis cannot be reached. */
  async connect(): Promise<void> {
    try {
      await Promise.all([this.#redis.connect(), this.#reader.connect()]);
    } catch (error) {
      this.#redis.disconnect();
      this.#reader.disconnect();
      const reason = this.#lastError ?? error;
      throw new Error(
        `cannot reach the Redis bus at ${this.displayUrl}: ${reason instanceof Error ? reason.message : String(reason)}`,
        { cause: error },
      );
    }
  }

  async publishClosed(key: string, candles: readonly Candle[]): Promise<void> {
    if (candles.length === 0) return;
    const target = this.#keys.closed(key);
    const pipeline = this.#redis.pipeline();
    for (const candle of candles) {
      const closed = candle.closed ? candle : { ...candle, closed: true };
      pipeline.xadd(
        target,
        'MAXLEN',
        '~',
        this.#retention,
        `${Math.floor(candle.openTime)}-0`,
        'c',
        encodeCandle(closed),
      );
    }
    const results = (await pipeline.exec()) ?? [];
    for (const [error] of results) {
      if (error && !DUPLICATE_ID.test(error.message)) throw error;
    }
  }

  async publishOpen(key: string, candle: Candle): Promise<void> {
    await this.#redis.xadd(this.#keys.open(key), 'MAXLEN', 1, '*', 'c', encodeCandle(candle));
  }

  async lastClosed(key: string): Promise<Candle | undefined> {
    const entries = await this.#redis.xrevrange(this.#keys.closed(key), '+', '-', 'COUNT', 1);
    const entry = entries[0];
    return entry === undefined ? undefined : entryCandle(entry[1]);
  }

  async recentClosed(key: string, limit: number): Promise<Candle[]> {
    if (limit <= 0) return [];
    const entries = await this.#redis.xrevrange(this.#keys.closed(key), '+', '-', 'COUNT', Math.floor(limit));
    return entries.reverse().map((entry) => entryCandle(entry[1]));
  }

  follow(key: string, afterOpenTime: number | undefined, listener: BusListener): BusFollow {
    return this.#follower.follow(key, afterOpenTime, listener);
  }

  async announceDemand(_ownerId: string, keys: readonly string[], ttlMs: number): Promise<void> {
    if (keys.length === 0) return;
    await this.#redis.ohlcvAnnounce(this.#keys.demand, Math.max(1, Math.floor(ttlMs)), ...keys);
  }

  async demandedStreams(): Promise<string[]> {
    return this.#redis.ohlcvDemanded(this.#keys.demand);
  }

  async claimLease(key: string, workerId: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#redis.set(
      this.#keys.lease(key),
      workerId,
      'PX',
      Math.max(1, Math.floor(ttlMs)),
      'NX',
    );
    return reply === 'OK';
  }

  async renewLease(key: string, workerId: string, ttlMs: number): Promise<boolean> {
    return (
      (await this.#redis.ohlcvRenew(this.#keys.lease(key), workerId, Math.max(1, Math.floor(ttlMs)))) === 1
    );
  }

  async releaseLease(key: string, workerId: string): Promise<void> {
    await this.#redis.ohlcvRelease(this.#keys.lease(key), workerId);
  }

  async leaseHolder(key: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#keys.lease(key))) ?? undefined;
  }

  onStatus(listener: (status: BusStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.#follower.close();
    this.#reader.disconnect();
    await this.#redis.quit().catch(() => this.#redis.disconnect());
    this.#setStatus({ type: 'disconnected' });
    this.#listeners.clear();
  }

  #setStatus(status: BusStatus): void {
    const connected = status.type === 'connected';
    if (connected === this.#connected) return;
    this.#connected = connected;
    for (const listener of [...this.#listeners]) listener(status);
  }
}

/** Opens a Redis bus (`redis://[user:password@]host:port[/db]`, `rediss://` for TLS) once it is reachable. */
export async function createRedisBus(url: string, options: RedisBusOptions = {}): Promise<CandleBus> {
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    throw new Error(`invalid Redis bus URL "${url}": expected redis://host:port[/db]`);
  }
  if (scheme !== 'redis:' && scheme !== 'rediss:') {
    throw new Error(`invalid Redis bus URL "${displayRedisUrl(url)}": the scheme must be redis: or rediss:`);
  }
  const bus = new RedisBus(url, options);
  await bus.connect();
  return bus;
}
