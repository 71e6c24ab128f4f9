import { randomUUID } from 'node:crypto';
import { OhlcvError } from '@ohlcv/core';
import {
  type IngestWorkerOptions,
  type ResolvedIngestWorkerOptions,
  resolveIngestWorkerOptions,
  shuffle,
} from './ingest-worker-options';
import { LeasedStream } from './leased-stream';

export type { IngestWorkerOptions } from './ingest-worker-options';

export interface IngestWorkerStatus {
  workerId: string;
  busConnected: boolean;
  streams: Array<{ stream: string; buffered: number }>;
}

/**
 * An ingest worker: claims demanded streams with leases it renews, subscribes to them through the
 * engine and publishes their candles to the bus. Workers share the demand: each claims free streams
 * up to its fair share of the live workers it sees (and `maxStreams`); a stream whose lease lapsed is
 * free again, so a dead worker's streams move to the others.
 */
export class IngestWorker {
  readonly workerId: string;
  readonly #options: ResolvedIngestWorkerOptions;
  readonly #streams = new Map<string, LeasedStream>();
  /** Streams being claimed or started (not yet in #streams). */
  readonly #starting = new Set<string>();
  #pollTimer: unknown;
  #renewTimer: unknown;
  #ticking = false;
  #stopped = false;
  /** After a bus reconnect, claims wait a lease TTL so holders re-assert their leases first. */
  #claimsPausedUntil = 0;
  /** Streams that failed here (e.g. a symbol the venue refuses), not claimed again before the time. */
  readonly #failedUntil = new Map<string, number>();
  /** Demanded streams without a lease, and since when (this worker's clock). */
  #freeSince = new Map<string, number>();
  readonly #offStatus: () => void;

  constructor(options: IngestWorkerOptions) {
    this.workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
    this.#options = resolveIngestWorkerOptions(options);
    this.#offStatus = options.bus.onStatus((status) => {
      if (this.#stopped) return;
      for (const stream of this.#streams.values()) stream.busStatusChanged();
      if (status.type !== 'connected') return;
      this.#options.logger.info({ bus: options.bus.displayUrl }, 'bus reconnected');
      this.#claimsPausedUntil = this.#options.clock.now() + this.#options.leaseTtlMs;
      void this.#renewAll();
    });
  }

  /** Starts polling demand and renewing leases. */
  start(): void {
    this.#schedulePoll(0);
    this.#scheduleRenew();
  }

  /** Streams held now. */
  get streamCount(): number {
    return this.#streams.size;
  }

  status(): IngestWorkerStatus {
    return {
      workerId: this.workerId,
      busConnected: this.#options.bus.connected,
      streams: [...this.#streams.values()].map((stream) => ({
        stream: stream.key,
        buffered: stream.buffered,
      })),
    };
  }

  /** One demand/claim/linger pass (the poll timer calls it; tests may too). */
  async tick(): Promise<void> {
    if (this.#ticking || this.#stopped) return;
    this.#ticking = true;
    try {
      await this.#tick();
    } catch (error) {
      this.#options.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'demand poll failed (bus unreachable?)',
      );
    } finally {
      this.#ticking = false;
    }
  }

  /** Stops: leaves every stream, flushes what is queued, releases the leases (others take over at once). */
  async stop({ timeoutMs = 5_000 } = {}): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#options.clock.clearTimeout(this.#pollTimer);
    this.#options.clock.clearTimeout(this.#renewTimer);
    this.#offStatus();
    await Promise.all([...this.#streams.keys()].map((key) => this.#release(key, 'shutdown', timeoutMs)));
  }

  async #tick(): Promise<void> {
    const { bus, clock, lingerMs, maxStreams } = this.#options;
    const demanded = await bus.demandedStreams();
    const wanted = new Set(demanded);
    const now = clock.now();
    for (const stream of [...this.#streams.values()]) {
      if (stream.failed) {
        this.#failedUntil.set(stream.key, now + this.#options.failedRetryMs);
        await this.#release(stream.key, 'failed', 1_000);
        continue;
      }
      if (wanted.has(stream.key)) {
        stream.undemandedSince = undefined;
        continue;
      }
      stream.undemandedSince ??= now;
      if (now - stream.undemandedSince >= lingerMs) await this.#release(stream.key, 'no_demand', 5_000);
    }
    if (now < this.#claimsPausedUntil) return;
    const free: string[] = [];
    const holders = new Set<string>([this.workerId]);
    for (const [key, until] of this.#failedUntil) if (until <= now) this.#failedUntil.delete(key);
    const candidates = demanded.filter(
      (key) => !this.#streams.has(key) && !this.#starting.has(key) && !this.#failedUntil.has(key),
    );
    const owners = await Promise.all(candidates.map((key) => bus.leaseHolder(key)));
    for (const [index, owner] of owners.entries()) {
      if (owner === undefined) free.push(candidates[index] as string);
      else holders.add(owner);
    }
    // Within the fair share at once; beyond it (up to maxStreams) a stream nobody took for two polls,
    // so streams never stay unserved when other workers are full.
    const share = Math.ceil(demanded.length / holders.size);
    const seen = new Map<string, number>();
    for (const key of free) seen.set(key, this.#freeSince.get(key) ?? now);
    this.#freeSince = seen;
    shuffle(free);
    for (const key of free) {
      if (this.#stopped) break;
      const held = this.#streams.size + this.#starting.size;
      if (held >= maxStreams) break;
      const stale = now - (seen.get(key) ?? now) >= 2 * this.#options.pollMs;
      if (held >= share && !stale) continue;
      if (await this.#claim(key)) seen.delete(key);
    }
  }

  async #claim(key: string): Promise<boolean> {
    const { bus, leaseTtlMs, logger } = this.#options;
    this.#starting.add(key);
    try {
      if (!(await bus.claimLease(key, this.workerId, leaseTtlMs))) return false;
      const stream = new LeasedStream(key, {
        bus,
        feed: this.#options.feed,
        logger,
        republishCandles: this.#options.republishCandles,
        maxBuffered: this.#options.maxBuffered,
        seedHistory: this.#options.seedHistory,
        observer: this.#options.observer,
      });
      try {
        await stream.start();
      } catch (error) {
        logger.warn(
          { stream: key, err: error instanceof Error ? error.message : String(error) },
          'stream start failed; lease released',
        );
        // A stream the engine refuses (bad key, unsupported interval) waits; a bus hiccup does not.
        if (OhlcvError.isInstance(error)) {
          this.#failedUntil.set(key, this.#options.clock.now() + this.#options.failedRetryMs);
        }
        await stream.stop(0);
        await bus.releaseLease(key, this.workerId).catch(() => undefined);
        return false;
      }
      if (this.#stopped) {
        await stream.stop(1_000);
        await bus.releaseLease(key, this.workerId).catch(() => undefined);
        return false;
      }
      this.#streams.set(key, stream);
      return true;
    } finally {
      this.#starting.delete(key);
    }
  }

  async #release(key: string, reason: 'no_demand' | 'lease_lost' | 'failed' | 'shutdown', timeoutMs: number) {
    const stream = this.#streams.get(key);
    if (stream === undefined) return;
    this.#streams.delete(key);
    await stream.stop(timeoutMs);
    if (reason !== 'lease_lost') {
      await this.#options.bus.releaseLease(key, this.workerId).catch(() => undefined);
    }
    this.#options.observer.streamReleased?.(key, reason);
    this.#options.logger.info({ stream: key, reason }, 'stream released');
  }

  /** Renews every lease; one lost (lapsed and re-taken by another worker) ends the stream here. */
  async #renewAll(): Promise<void> {
    const { bus, leaseTtlMs, logger } = this.#options;
    await Promise.all(
      [...this.#streams.keys()].map(async (key) => {
        try {
          // A bus that restarted empty forgot the lease: claim it again.
          if (await bus.renewLease(key, this.workerId, leaseTtlMs)) return;
          if (await bus.claimLease(key, this.workerId, leaseTtlMs)) return;
          logger.warn({ stream: key }, 'lease lost to another worker; leaving the stream');
          await this.#release(key, 'lease_lost', 2_000);
        } catch (error) {
          // Bus unreachable: keep the venue stream and buffer; nobody can take the lease meanwhile on this bus.
          logger.debug(
            { stream: key, err: error instanceof Error ? error.message : String(error) },
            'renew failed',
          );
        }
      }),
    );
  }

  #schedulePoll(delayMs: number): void {
    if (this.#stopped) return;
    this.#pollTimer = this.#options.clock.setTimeout(() => {
      void this.tick().finally(() => this.#schedulePoll(this.#options.pollMs));
    }, delayMs);
  }

  #scheduleRenew(): void {
    if (this.#stopped) return;
    this.#renewTimer = this.#options.clock.setTimeout(
      () => {
        void this.#renewAll().finally(() => this.#scheduleRenew());
      },
      Math.max(1, Math.floor(this.#options.leaseTtlMs / 3)),
    );
  }
}
