import { describe, expect, it } from 'vitest';
import { Consumer } from './consumer';
import type { FeedEvent } from './feed-types';
import { HistoryJoins } from './history-joins';
import { FAKE_MINUTE, FAKE_T0, fakeCandle, fakeStream, settle } from './test-support/fake-stream';

const index = (time: number) => (time - FAKE_T0) / FAKE_MINUTE;

function consumerWith(history: number) {
  const events: FeedEvent[] = [];
  const consumer = new Consumer('binance:spot:BTCUSDT:1m', {
    history,
    onEvent: (event) => events.push(event),
  });
  const closed = () =>
    events.flatMap((event) =>
      event.type === 'candle' && event.candle.closed ? [index(event.candle.openTime)] : [],
    );
  return { consumer, events, closed };
}

describe('HistoryJoins', () => {
  it('serves the recent candles the sequencer kept and fetches only what they lack', async () => {
    const stream = fakeStream();
    for (let at = 5; at <= 7; at++) stream.sequencer.onLive(fakeCandle(at, true));
    const joins = new HistoryJoins(stream);
    const { consumer, closed } = consumerWith(5);
    joins.begin(consumer);
    expect(consumer.joining).toBe(true);
    await settle();
    expect(stream.fetches.map(([from]) => from)).toEqual([3]);
    expect(closed()).toEqual([3, 4, 5, 6, 7]);
    expect(consumer.joining).toBe(false);
  });

  it("waits for the stream's first candle to know where history ends", async () => {
    const stream = fakeStream();
    const joins = new HistoryJoins(stream);
    const { consumer, closed } = consumerWith(2);
    joins.begin(consumer);
    expect(joins.waiting).toBe(true);
    stream.sequencer.onLive(fakeCandle(9, false));
    joins.onEmitted(FAKE_T0 + 9 * FAKE_MINUTE);
    expect(joins.waiting).toBe(false);
    await settle();
    expect(closed()).toEqual([7, 8]);
  });

  it('cancels a fetch nobody waits for any more', async () => {
    const stream = fakeStream();
    stream.sequencer.onLive(fakeCandle(9, false));
    stream.answer = () => new Promise(() => {});
    const joins = new HistoryJoins(stream);
    const { consumer } = consumerWith(3);
    joins.begin(consumer);
    await settle();
    expect(joins.fetching).toBe(1);
    joins.leave(consumer);
    expect(joins.fetching).toBe(0);
  });
});
