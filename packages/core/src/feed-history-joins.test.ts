import { afterEach, describe, expect, it } from 'vitest';
import { EventRecorder, waitFor } from './test-support/event-recorder';
import { expectConsecutive, type Harness, MINUTE, startHarness } from './test-support/feed-harness';
import { advanceUntil, ManualClock } from './test-support/manual-clock';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const candleRequests = (h: Harness, symbol?: string) =>
  h.venue.restRequests.filter(
    (url) => url.startsWith('/candles') && (symbol === undefined || url.includes(`symbol=${symbol}&`)),
  );

/** A slow REST budget on the engine's manual clock: two requests a second. */
async function slowRest() {
  const clock = new ManualClock();
  harness = await startHarness({
    adapter: {
      spec: { ws: { inactivityTimeoutMs: 3_600_000 }, rest: { rateLimit: { weight: 2, perMs: 1_000 } } },
    },
    feed: { clock, stallTimeoutMs: 3_600_000 },
  });
  return { clock, h: harness };
}

describe('history joins', () => {
  it('share one fetch for the same stream, and a later join is served from the stream without REST', async () => {
    harness = await startHarness();
    const { venue, feed } = harness;
    const first = new EventRecorder();
    const second = new EventRecorder();
    feed.subscribe('binance:spot:BTCUSDT:1m', { closedOnly: true, history: 20, onEvent: first.onEvent });
    feed.subscribe('binance:spot:BTCUSDT:1m', { closedOnly: true, history: 20, onEvent: second.onEvent });
    await waitFor(() => venue.subscriptionCount() === 1, 'the upstream subscription');
    venue.advance(MINUTE);
    for (const recorder of [first, second]) {
      await recorder.until(() => recorder.closedCandles().length >= 21, 'history then live');
      expectConsecutive(recorder.closedCandles());
    }
    expect(candleRequests(harness), '20 candles, 5 a page, fetched once').toHaveLength(4);
    venue.advance(MINUTE);
    await first.until(() => first.closedCandles().length >= 22, 'more live');
    const third = new EventRecorder();
    feed.subscribe('binance:spot:BTCUSDT:1m', { closedOnly: true, history: 20, onEvent: third.onEvent });
    await third.until(() => third.closedCandles().length >= 20, 'history for a later join');
    expect(third.closedCandles()).toEqual(first.closedCandles().slice(-20));
    expect(candleRequests(harness)).toHaveLength(4);
  });

  it('stop fetching when the consumer that wanted them leaves', async () => {
    const { clock, h } = await slowRest();
    const stays = new EventRecorder();
    h.feed.subscribe('binance:spot:BTCUSDT:1m', { closedOnly: true, onEvent: stays.onEvent });
    const leaves = h.feed.subscribe('binance:spot:BTCUSDT:1m', { closedOnly: true, history: 1_000 });
    await waitFor(() => h.venue.subscriptionCount() === 1, 'the upstream subscription');
    h.venue.advance(MINUTE);
    await stays.until(() => stays.closedCandles().length === 1, 'the first candle');
    await advanceUntil(clock, 250, () => candleRequests(h).length >= 2, 'the history fetch under way');
    leaves.close();
    const atClose = candleRequests(h).length;
    for (let step = 0; step < 30; step++) {
      clock.advance(1_000);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(candleRequests(h).length, 'of the 200 pages asked for').toBeLessThanOrEqual(atClose + 4);
  });

  it('never queue ahead of gap fill', async () => {
    const { clock, h } = await slowRest();
    const eth = new EventRecorder();
    h.feed.subscribe('binance:spot:ETHUSDT:1m', { closedOnly: true, onEvent: eth.onEvent });
    for (const key of ['binance:spot:BTCUSDT:1m', 'binance:spot:BTCUSDT:5m', 'binance:spot:SOLUSDT:1m'])
      h.feed.subscribe(key, { closedOnly: true, history: 1_000 });
    await waitFor(() => h.venue.subscriptionCount() === 4, 'every upstream subscription');
    h.venue.advance(MINUTE);
    await eth.until(() => eth.closedCandles().length === 1, 'the first candle');
    await advanceUntil(clock, 250, () => candleRequests(h).length >= 2, 'the history fetches under way');
    h.venue.faults.skipPushes(2, 'ETHUSDT@1m');
    const before = candleRequests(h).length;
    h.venue.advance(MINUTE);
    h.venue.advance(MINUTE);
    await advanceUntil(clock, 250, () => eth.restCandles().length === 1, 'the gap filled', 15_000);
    const since = candleRequests(h).slice(before);
    const gapAt = since.findIndex((url) => url.includes('symbol=ETHUSDT&'));
    expect(gapAt, `history pages served first: ${since.slice(0, gapAt).join(' ')}`).toBeLessThanOrEqual(2);
  });
});
