import type { KV, KvEntry } from '@nats-io/kv';
import { isRecord } from '@ohlcv/core';
import { isWrongLastSequence } from './jetstream-errors';
import { entryJson, writeIfUnchanged } from './kv-entry';

interface Lease {
  workerId: string;
  /** ms since epoch, by the clock of the worker that wrote it. */
  expiresAt: number;
}

/**
 * Leases in a KV bucket, one key per stream. The server this was built for (nats-server 2.9, the
 * Debian package) has no per-key TTL, so a lease carries its expiry time and a claimant treats a
 * lapsed one as absent. Every write is conditional on the revision read (create-if-absent for a
 * free key, update-with-revision otherwise), so of two racing claimants exactly one wins. Expiry
 * compares clocks of different machines: keep them NTP-synchronised (skew eats into the TTL).
 */
export class LeaseStore {
  readonly #kv: KV;
  readonly #now: () => number;

  constructor(kv: KV, now: () => number) {
    this.#kv = kv;
    this.#now = now;
  }

  async claim(kvKey: string, workerId: string, ttlMs: number): Promise<boolean> {
    const value = this.#value(workerId, ttlMs);
    const entry = await this.#kv.get(kvKey);
    const lease = entry ? this.#live(entry) : undefined;
    if (lease && lease.workerId !== workerId) return false;
    return this.#write(kvKey, value, entry);
  }

  async renew(kvKey: string, workerId: string, ttlMs: number): Promise<boolean> {
    const value = this.#value(workerId, ttlMs);
    const entry = await this.#kv.get(kvKey);
    const lease = entry ? this.#live(entry) : undefined;
    if (!entry || lease?.workerId !== workerId) return false;
    return this.#write(kvKey, value, entry);
  }

  async release(kvKey: string, workerId: string): Promise<void> {
    const entry = await this.#kv.get(kvKey);
    if (!entry || parseLease(entry)?.workerId !== workerId) return;
    try {
      await this.#kv.delete(kvKey, { previousSeq: entry.revision });
    } catch (error) {
      if (!isWrongLastSequence(error)) throw error; // taken over meanwhile: not ours to release
    }
  }

  async holder(kvKey: string): Promise<string | undefined> {
    const entry = await this.#kv.get(kvKey);
    return entry ? this.#live(entry)?.workerId : undefined;
  }

  /** Writes only if the key is still at the revision read (or still absent). */
  async #write(kvKey: string, value: string, entry: KvEntry | null): Promise<boolean> {
    try {
      await writeIfUnchanged(this.#kv, kvKey, value, entry);
      return true;
    } catch (error) {
      if (isWrongLastSequence(error)) return false;
      throw error;
    }
  }

  #live(entry: KvEntry): Lease | undefined {
    const lease = parseLease(entry);
    return lease && lease.expiresAt > this.#now() ? lease : undefined;
  }

  #value(workerId: string, ttlMs: number): string {
    if (typeof workerId !== 'string' || workerId.length === 0) {
      throw new Error(`lease worker id must be a non-empty string, got ${JSON.stringify(workerId)}`);
    }
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new Error(`lease TTL must be > 0 ms, got ${ttlMs}`);
    const lease: Lease = { workerId, expiresAt: this.#now() + ttlMs };
    return JSON.stringify(lease);
  }
}

/** A stored lease, or undefined for a value that is not one (treated as no lease). */
function parseLease(entry: KvEntry): Lease | undefined {
  const value = entryJson(entry);
  if (!isRecord(value) || typeof value.workerId !== 'string' || typeof value.expiresAt !== 'number') {
    return undefined;
  }
  return { workerId: value.workerId, expiresAt: value.expiresAt };
}
