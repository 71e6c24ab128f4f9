import type { Candle } from './candle';
import type { Consumer } from './consumer';
import { HistoryFetches } from './history-fetches';
import { alignOpenTime, intervalMs, nextOpenTime } from './interval';
import type { StreamView } from './stream-host';

/**
 * One stream's history joins: a consumer subscribing with `history: n` gets the last `n` closed
 * candles before the live ones it is held for — from the sequencer's recent candles and, for what
 * they lack, REST (shared, cancelled when nobody waits, behind gap fill: {@link HistoryFetches}).
 * Made on the stream's first join.
 */
export class HistoryJoins {
  readonly #stream: StreamView;
  readonly #fetches: HistoryFetches;
  /** Consumers waiting for the stream's first candle to know where their history ends. */
  readonly #pending: Consumer[] = [];

  constructor(stream: StreamView) {
    this.#stream = stream;
    const { host, ref } = stream;
    this.#fetches = new HistoryFetches((from, to, signal) =>
      host.fetchCandles(ref, from, to, { signal, priority: 'background' }),
    );
  }

  /** Whether joins wait for the stream's first candle (checked on every emitted candle). */
  get waiting(): boolean {
    return this.#pending.length > 0;
  }

  /** History fetches under way (for tests). */
  get fetching(): number {
    return this.#fetches.inFlight;
  }

  begin(consumer: Consumer): void {
    consumer.beginJoin();
    const expected = this.#stream.sequencer.expectedNext();
    if (expected === undefined) {
      this.#pending.push(consumer);
      return;
    }
    void this.#join(consumer, expected);
  }

  /** A candle was emitted: the joins waiting for the first one start. */
  onEmitted(openTime: number): void {
    const joins = this.#pending.splice(0);
    const boundary = this.#stream.sequencer.expectedNext() ?? openTime;
    for (const consumer of joins) void this.#join(consumer, Math.min(boundary, openTime));
  }

  leave(consumer: Consumer): void {
    const pending = this.#pending.indexOf(consumer);
    if (pending >= 0) this.#pending.splice(pending, 1);
    this.#fetches.leave(consumer);
  }

  dispose(): void {
    this.#pending.length = 0;
    this.#fetches.dispose();
  }

  /** Delivers the last `consumer.history` closed candles opening before `boundary`, then what was held. */
  async #join(consumer: Consumer, boundary: number): Promise<void> {
    const stream = this.#stream;
    const count = consumer.history;
    const { interval } = stream.id;
    const ring = stream.sequencer.recent(count).filter((candle) => candle.openTime < boundary);
    let history: Candle[] = ring;
    if (ring.length < count) {
      const oldestWanted = boundary - count * intervalMs(interval);
      const before = ring[0]?.openTime ?? boundary;
      try {
        const rows = await this.#fetches.get(alignOpenTime(interval, oldestWanted), before - 1, consumer);
        const fetched = rows.filter(
          (row) => row.openTime < before && (row.closed || nextOpenTime(interval, row.openTime) <= boundary),
        );
        history = [...fetched.map((row) => (row.closed ? row : { ...row, closed: true })), ...ring].slice(
          -count,
        );
      } catch (error) {
        if (consumer.ended || stream.closed) return;
        stream.host.observer?.error?.({
          exchange: stream.id.exchange,
          market: stream.id.market,
          stream: stream.key,
          error,
          during: 'history for a new consumer unavailable',
        });
        consumer.deliver({
          type: 'gap',
          stream: stream.key,
          from: alignOpenTime(interval, oldestWanted),
          to: before - intervalMs(interval),
          reason: `history unavailable: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    if (consumer.ended || stream.closed) return;
    consumer.completeJoin(history, stream.host.clock.now());
  }
}
