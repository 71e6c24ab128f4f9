import type { KV, KvEntry } from '@nats-io/kv';

/** The JSON value of a live KV entry; undefined for none, a delete marker or a value that is not JSON. */
export function entryJson(entry: KvEntry | null): unknown {
  if (entry?.operation !== 'PUT') return undefined;
  try {
    return entry.json();
  } catch {
    return undefined;
  }
}

/**
 * Writes `value` only if the key is still as read: absent (or deleted) when `entry` is, else at
 * `entry`'s revision. A concurrent write makes it reject with the server's wrong-last-sequence error.
 */
export function writeIfUnchanged(kv: KV, key: string, value: string, entry: KvEntry | null): Promise<number> {
  return entry?.operation !== 'PUT' ? kv.create(key, value) : kv.update(key, value, entry.revision);
}
