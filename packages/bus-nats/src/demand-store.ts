import type { KV, KvEntry } from '@nats-io/kv';
import { isRecord } from '@ohlcv/core';
import { isWrongLastSequence } from './jetstream-errors';
import { entryJson, writeIfUnchanged } from './kv-entry';
import { encodeToken } from './subject-token';

/** Stream key → ms since epoch until which the owner wants it. */
type Wanted = Record<string, number>;

const MAX_ATTEMPTS = 10;

/**
 * Demand in a KV bucket: one entry per owner (an edge), holding each stream key it wants with the
 * time that want lapses. An announce merges into the owner's entry (re-read and retried on a
 * concurrent write); lapsed keys are dropped on the next write, and an entry whose keys have all
 * lapsed is deleted by the next reader, so a dead edge leaves nothing behind.
 */
export class DemandStore {
  readonly #kv: KV;
  readonly #now: () => number;

  constructor(kv: KV, now: () => number) {
    this.#kv = kv;
    this.#now = now;
  }

  async announce(ownerId: string, keys: readonly string[], ttlMs: number): Promise<void> {
    if (typeof ownerId !== 'string' || ownerId.length === 0) {
      throw new Error(`demand owner id must be a non-empty string, got ${JSON.stringify(ownerId)}`);
    }
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new Error(`demand TTL must be > 0 ms, got ${ttlMs}`);
    const kvKey = encodeToken(ownerId);
    for (let attempt = 1; ; attempt++) {
      const entry = await this.#kv.get(kvKey);
      const now = this.#now();
      const wanted = live(entry, now);
      for (const key of keys) wanted[key] = Math.max(wanted[key] ?? 0, now + ttlMs);
      try {
        await writeIfUnchanged(this.#kv, kvKey, JSON.stringify(wanted), entry);
        return;
      } catch (error) {
        if (!isWrongLastSequence(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async demanded(): Promise<string[]> {
    const owners: string[] = [];
    for await (const owner of await this.#kv.keys()) owners.push(owner);
    const entries = await Promise.all(owners.map((owner) => this.#kv.get(owner)));
    const now = this.#now();
    const keys = new Set<string>();
    const lapsed: KvEntry[] = [];
    for (const entry of entries) {
      if (entry?.operation !== 'PUT') continue;
      const wanted = Object.keys(live(entry, now));
      if (wanted.length === 0) lapsed.push(entry);
      for (const key of wanted) keys.add(key);
    }
    await Promise.all(
      lapsed.map((entry) =>
        this.#kv.delete(entry.key, { previousSeq: entry.revision }).catch(() => undefined),
      ),
    );
    return [...keys].sort();
  }
}

/** The keys of an owner's entry still wanted at `now` (an unreadable entry counts as none). */
function live(entry: KvEntry | null, now: number): Wanted {
  const wanted: Wanted = {};
  const value = entryJson(entry);
  if (!isRecord(value)) return wanted;
  for (const [key, until] of Object.entries(value)) {
    if (typeof until === 'number' && until > now) wanted[key] = until;
  }
  return wanted;
}
