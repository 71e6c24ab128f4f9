import type { JetStreamClient, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { type Candle, streamKey } from '@ohlcv/core';
import type { StreamSubjects } from './bus-names';
import { candleProblem, decodeCandle, encodeCandle } from './candle-codec';
import { isWrongLastSequence } from './jetstream-errors';
import { readSubject } from './read-subject';

/** The newest stored closed candle of a subject: its stream sequence and openTime (0 / -∞ when none). */
interface Tail {
  seq: number;
  openTime: number;
}

const EMPTY: Tail = { seq: 0, openTime: Number.NEGATIVE_INFINITY };

/**
 * Closed candles on the JetStream stream. A publish carries `Nats-Msg-Id = <key>:<openTime>` (the
 * server drops a second copy within the duplicate window) and `Nats-Expected-Last-Subject-Sequence`
 * = the subject's last sequence as this writer knows it, so a write lands only directly after the
 * newest stored candle. When another writer got there first the server refuses; the writer reads
 * the subject's last candle again and skips what is already stored. So the stored order is always
 * increasing `openTime`, and a replay older than the duplicate window is dropped too.
 */
export class ClosedCandles {
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #stream: string;
  /** What this writer last saw at each subject's end; a stale entry only costs one re-read. */
  readonly #tails = new Map<string, Tail>();

  constructor(js: JetStreamClient, jsm: JetStreamManager, stream: string) {
    this.#js = js;
    this.#jsm = jsm;
    this.#stream = stream;
  }

  async publish(subjects: StreamSubjects, candles: readonly Candle[]): Promise<void> {
    const payloads = candles.map((candle, index) => {
      const problem = candleProblem(candle);
      if (problem) throw new Error(`publishClosed(${subjects.key}): candle ${index} is invalid: ${problem}`);
      if (!candle.closed) {
        throw new Error(
          `publishClosed(${subjects.key}): candle ${index} (openTime ${candle.openTime}) is open`,
        );
      }
      const own = streamKey(candle);
      if (own !== subjects.key)
        throw new Error(`publishClosed(${subjects.key}): candle ${index} is of ${own}`);
      return encodeCandle(candle);
    });
    if (payloads.length === 0) return;
    let tail = this.#tails.get(subjects.closed) ?? (await this.#readTail(subjects));
    for (let index = 0; index < candles.length; index++) {
      const openTime = candles[index]!.openTime;
      while (openTime > tail.openTime) {
        try {
          const ack = await this.#js.publish(subjects.closed, payloads[index], {
            msgID: `${subjects.key}:${openTime}`,
            expect: { lastSubjectSequence: tail.seq },
          });
          // A duplicate's ack names the stored copy, which may not be the subject's end: then the
          // next write is refused and the tail re-read, so the guess costs at most one round trip.
          tail = { seq: ack.seq, openTime };
        } catch (error) {
          if (!isWrongLastSequence(error)) {
            this.#tails.delete(subjects.closed);
            throw error;
          }
          tail = await this.#readTail(subjects);
        }
      }
    }
    this.#tails.set(subjects.closed, tail);
  }

  async last(subjects: StreamSubjects): Promise<Candle | undefined> {
    const message = await this.#lastMessage(subjects);
    return message ? this.#decode(message, subjects) : undefined;
  }

  /** Up to `limit` newest closed candles, ascending. */
  async recent(subjects: StreamSubjects, limit: number): Promise<Candle[]> {
    if (!Number.isInteger(limit) || limit < 0) {
      throw new Error(`recentClosed(${subjects.key}): limit must be a whole number ≥ 0, got ${limit}`);
    }
    if (limit === 0) return [];
    const last = await this.#lastMessage(subjects);
    if (!last) return [];
    if (limit === 1) return [this.#decode(last, subjects)];
    const stored: Candle[] = [];
    await readSubject(this.#js, this.#stream, subjects.closed, last.seq, (data, seq) => {
      stored.push(decodeCandle(data, subjects.key, subjects.closed, seq));
    });
    return stored.slice(-limit);
  }

  async #readTail(subjects: StreamSubjects): Promise<Tail> {
    const message = await this.#lastMessage(subjects);
    if (!message) return EMPTY;
    return { seq: message.seq, openTime: this.#decode(message, subjects).openTime };
  }

  async #lastMessage(subjects: StreamSubjects): Promise<StoredMsg | null> {
    return this.#jsm.direct.getMessage(this.#stream, { last_by_subj: subjects.closed });
  }

  #decode(message: StoredMsg, subjects: StreamSubjects): Candle {
    return decodeCandle(message.data, subjects.key, subjects.closed, message.seq);
  }
}
