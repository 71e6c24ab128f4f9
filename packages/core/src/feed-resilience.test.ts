import { afterEach, describe, expect, it } from 'vitest';
import { EventRecorder, waitFor } from './test-support/event-recorder';
import { expectConsecutive, type Harness, MINUTE, startHarness } from './test-support/feed-harness';
import { ManualClock } from './test-support/manual-clock';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const STALL_MS = 10_000;

describe('createFeed: stalls, consumers, joins', () => {
  it('stall → stalled event and re-subscribe → recycle → recovered', async () => {
    const clock = new ManualClock();
    let opened = 0;
    let closed = 0;
    harness = await startHarness({
      feed: {
        clock,
        stallTimeoutMs: STALL_MS,
        backoff: { initialMs: 1, maxMs: 1 },
        observer: {
          connectionOpened: () => {
            opened += 1;
          },
          connectionClosed: () => {
            closed += 1;
          },
        },
      },
    });
    const { venue, feed } = harness;
    const silent = new EventRecorder();
    const flowing = new EventRecorder();
    const stalledSubscription = feed.subscribe('binance:spot:BTCUSDT:1m', { onEvent: silent.onEvent });
    feed.subscribe('binance:spot:ETHUSDT:1m', { onEvent: flowing.onEvent });
    await waitFor(() => venue.subscriptionCount() === 2, 'both upstream subscriptions');
    await stalledSubscription.ready;
    venue.advance(MINUTE);
    await silent.until(() => silent.events.length > 0, 'first event');
    venue.faults.stallStream('BTCUSDT@1m');

    /** Half a stall period passes on the engine's clock while the other stream keeps flowing. */
    async function halfPeriod(): Promise<void> {
      clock.advance(STALL_MS / 2);
      // A pending reconnect (1 ms backoff) happens; then the venue pushes once the streams are back.
      await waitFor(() => {
        clock.advance(1);
        const open = feed.status().venues[0]?.openConnections === 1;
        return (
          open && opened === closed + 1 && venue.connectionCount() === 1 && venue.subscriptionCount() === 2
        );
      }, 'one live connection with both streams');
      const before = flowing.events.length;
      venue.advance(1_000);
      await flowing.until(() => flowing.events.length > before, 'the flowing stream');
    }
    const frameCount = venue.controlFrames.length;
    await halfPeriod();
    await halfPeriod();
    await waitFor(() => venue.controlFrames.length > frameCount + 1, 'the re-subscribe');
    expect(venue.controlFrames.slice(frameCount)).toEqual([
      { op: 'unsubscribe', id: expect.any(Number), args: ['BTCUSDT@1m'] },
      { op: 'subscribe', id: expect.any(Number), args: ['BTCUSDT@1m'] },
    ]);
    expect(closed).toBe(0);
    // A silence past the stall timeout is reported at once, with the first recovery step.
    await silent.until(() => silent.ofType('stalled').length === 1, 'the stalled event');

    await halfPeriod();
    await halfPeriod();
    expect(closed, 'the connection was recycled').toBe(1);
    expect(silent.ofType('stalled')).toHaveLength(1);

    await halfPeriod();
    await halfPeriod();
    await silent.until(() => silent.ofType('stalled').length === 1, 'the stalled event');
    expect(flowing.ofType('stalled')).toHaveLength(0);
    expect(feed.status().venues[0]?.stalledStreams).toEqual(['binance:spot:BTCUSDT:1m']);
    for (let step = 0; step < 6; step++) await halfPeriod();
    expect(silent.ofType('stalled'), 'stalled is said once').toHaveLength(1);

    venue.faults.unstallStream('BTCUSDT@1m');
    venue.advance(MINUTE);
    await silent.until(() => silent.ofType('recovered').length === 1, 'the recovered event');
    expect(feed.status().streams.find((stream) => stream.stream === 'binance:spot:BTCUSDT:1m')?.stalled).toBe(
      false,
    );
    expectConsecutive(flowing.closedCandles());
  });

  it('ends an overflowing consumer with ConsumerOverflowError and keeps the others', async () => {
    harness = await startHarness();
    const { venue, feed } = harness;
    const slow = feed.subscribe('binance:spot:BTCUSDT:1m', { bufferSize: 2, closedOnly: true });
    const fine = new EventRecorder();
    feed.subscribe('binance:spot:BTCUSDT:1m', { onEvent: fine.onEvent, closedOnly: true });
    await slow.ready;
    for (let step = 0; step < 4; step++) venue.advance(MINUTE);
    await fine.until(() => fine.closedCandles().length >= 4, 'the other consumer');
    const events = [];
    for await (const event of slow) events.push(event);
    expect(events.filter((event) => event.type === 'candle')).toHaveLength(2);
    const last = events[events.length - 1];
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.error.code).toBe('consumer_overflow');
    venue.advance(MINUTE);
    await fine.until(() => fine.closedCandles().length >= 5, 'the other consumer goes on');
  });

  it('joins history to live with no gap or duplicate (REST for a new stream, the ring for a running one)', async () => {
    harness = await startHarness();
    const { venue, feed } = harness;
    const first = new EventRecorder();
    const subscription = feed.subscribe('binance:spot:BTCUSDT:1m', {
      closedOnly: true,
      history: 5,
      onEvent: first.onEvent,
    });
    await subscription.ready;
    venue.advance(MINUTE);
    venue.advance(MINUTE);
    await first.until(() => first.closedCandles().length >= 7, '5 history + 2 live candles');
    const closed = first.closedCandles();
    expectConsecutive(closed);
    expect(first.restCandles()).toHaveLength(5);

    const restBefore = venue.restRequestCount('/candles');
    const second = new EventRecorder();
    feed.subscribe('binance:spot:BTCUSDT:1m', { closedOnly: true, history: 2, onEvent: second.onEvent });
    await second.until(() => second.closedCandles().length >= 2, 'history from the ring');
    expect(venue.restRequestCount('/candles')).toBe(restBefore);
    venue.advance(MINUTE);
    await second.until(() => second.closedCandles().length >= 3, 'history then live');
    expectConsecutive(second.closedCandles());
    expect(second.closedCandles()[1]!.openTime).toBe(closed[closed.length - 1]!.openTime);
  });

  it('clears every timer on close and ends iterators', async () => {
    const clock = new ManualClock();
    harness = await startHarness({ feed: { clock, stallTimeoutMs: STALL_MS } });
    const { venue, feed } = harness;
    const subscription = feed.subscribe('binance:spot:BTCUSDT:1m');
    await subscription.ready;
    venue.advance(MINUTE);
    const iterator = subscription[Symbol.asyncIterator]();
    await feed.close();
    expect(clock.pending).toBe(0);
    let result = await iterator.next();
    while (!result.done) result = await iterator.next();
    expect(result.done).toBe(true);
  });
});
