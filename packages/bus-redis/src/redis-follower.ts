import type { BusFollow, BusListener, Candle } from '@ohlcv/core';
import type Redis from 'ioredis';
import { entryCandle } from './candle-codec';
import type { RedisKeys } from './redis-keys';

interface Follow {
  closedKey: string;
  openKey: string;
  /** Last entry id delivered, per stream. */
  closedCursor: string;
  openCursor: string;
  listener: BusListener;
  stopped: boolean;
}

type StreamReply = Array<[key: string, entries: Array<[id: string, fields: string[]]>]>;

/** Longest a blocking read waits before it re-reads the follow list (a new follow normally unblocks it at once). */
const BLOCK_MS = 2_000;
const COUNT = 1_000;

function compareIds(a: string, b: string): number {
  const [aMs = '0', aSeq = '0'] = a.split('-');
  const [bMs = '0', bSeq = '0'] = b.split('-');
  const ms = Number(aMs) - Number(bMs);
  return ms !== 0 ? ms : Number(aSeq) - Number(bSeq);
}

/**
 * Every follow of one bus client, read by ONE blocking connection: `XREAD BLOCK` over the closed and
 * open streams of all followed keys, each from its last delivered id. Adding or removing a follow
 * unblocks the read (`CLIENT UNBLOCK`); a lost connection resumes from the same ids once it is back.
 */
export class RedisFollower {
  readonly #reader: Redis;
  readonly #control: Redis;
  readonly #keys: RedisKeys;
  readonly #follows = new Set<Follow>();
  #readerId: number | undefined;
  #blocked = false;
  #running = false;
  #closed = false;
  #wake: (() => void) | undefined;

  constructor(reader: Redis, control: Redis, keys: RedisKeys) {
    this.#reader = reader;
    this.#control = control;
    this.#keys = keys;
    reader.on('ready', () => {
      this.#readerId = undefined;
      this.#wake?.();
    });
  }

  follow(streamKey: string, afterOpenTime: number | undefined, listener: BusListener): BusFollow {
    const follow: Follow = {
      closedKey: this.#keys.closed(streamKey),
      openKey: this.#keys.open(streamKey),
      closedCursor: afterOpenTime === undefined ? '0-0' : `${Math.floor(afterOpenTime)}-0`,
      openCursor: '0-0',
      listener,
      stopped: false,
    };
    this.#follows.add(follow);
    this.#changed();
    return {
      close: async () => {
        follow.stopped = true;
        this.#follows.delete(follow);
        this.#changed();
      },
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const follow of this.#follows) follow.stopped = true;
    this.#follows.clear();
    this.#wake?.();
  }

  #changed(): void {
    if (!this.#running) {
      this.#running = true;
      void this.#loop();
      return;
    }
    this.#wake?.();
    if (this.#blocked && this.#readerId !== undefined) {
      this.#control.client('UNBLOCK', this.#readerId).catch(() => undefined);
    }
  }

  async #loop(): Promise<void> {
    while (!this.#closed && this.#follows.size > 0) {
      if (this.#reader.status !== 'ready') {
        await this.#sleep(BLOCK_MS);
        continue;
      }
      try {
        if (this.#readerId === undefined) this.#readerId = Number(await this.#reader.client('ID'));
        const cursors = new Map<string, string>();
        for (const follow of this.#follows) {
          for (const [key, cursor] of [
            [follow.closedKey, follow.closedCursor],
            [follow.openKey, follow.openCursor],
          ] as const) {
            const current = cursors.get(key);
            if (current === undefined || compareIds(cursor, current) < 0) cursors.set(key, cursor);
          }
        }
        this.#blocked = true;
        const reply = (await this.#reader.call(
          'XREAD',
          'COUNT',
          COUNT,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          ...cursors.keys(),
          ...cursors.values(),
        )) as StreamReply | null;
        this.#blocked = false;
        if (reply !== null) this.#dispatch(reply);
      } catch (error) {
        this.#blocked = false;
        if (this.#closed) break;
        for (const follow of this.#follows) {
          follow.listener.error?.(error instanceof Error ? error : new Error(String(error)));
        }
        await this.#sleep(BLOCK_MS);
      }
    }
    this.#running = false;
    // A follow added as the loop ended restarts it.
    if (!this.#closed && this.#follows.size > 0) this.#changed();
  }

  #dispatch(reply: StreamReply): void {
    const byKey = new Map<string, Array<[string, string[]]>>();
    for (const [key, entries] of reply) byKey.set(key, entries);
    for (const follow of [...this.#follows]) {
      this.#deliver(follow, byKey.get(follow.closedKey), true);
      this.#deliver(follow, byKey.get(follow.openKey), false);
    }
  }

  #deliver(follow: Follow, entries: Array<[string, string[]]> | undefined, closed: boolean): void {
    if (entries === undefined) return;
    for (const [id, fields] of entries) {
      if (follow.stopped) return;
      const cursor = closed ? follow.closedCursor : follow.openCursor;
      if (compareIds(id, cursor) <= 0) continue;
      if (closed) follow.closedCursor = id;
      else follow.openCursor = id;
      let candle: Candle;
      try {
        candle = entryCandle(fields);
      } catch (error) {
        follow.listener.error?.(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (closed) follow.listener.closed({ ...candle, closed: true });
      else follow.listener.open({ ...candle, closed: false });
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    }).finally(() => {
      this.#wake = undefined;
    });
  }
}
