import { afterEach, describe, expect, it } from 'vitest';
import { EventRecorder, waitFor } from './test-support/event-recorder';
import { expectConsecutive, type Harness, MINUTE, startHarness } from './test-support/feed-harness';
import { ManualClock } from './test-support/manual-clock';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] as const;

async function subscribeAll(h: Harness) {
  const recorders = SYMBOLS.map(() => new EventRecorder());
  SYMBOLS.forEach((symbol, index) => {
    h.feed.subscribe(`binance:spot:${symbol}:1m`, { closedOnly: true, onEvent: recorders[index]!.onEvent });
  });
  await waitFor(() => h.venue.subscriptionCount() === SYMBOLS.length, 'every upstream subscription');
  h.venue.advance(MINUTE);
  await Promise.all(
    recorders.map((recorder) => recorder.until(() => recorder.closedCandles().length > 0, 'data')),
  );
  return recorders as [EventRecorder, EventRecorder, EventRecorder];
}

describe('a symbol delisted mid-stream', () => {
  it('acked then silent (Binance): the silent stream is re-validated and fails alone, naming its symbol', async () => {
    const clock = new ManualClock();
    let ethPushes = 0;
    harness = await startHarness({
      adapter: { spec: { ws: { inactivityTimeoutMs: 3_600_000, rejectScope: 'silent' } } },
      venue: { rejectScope: 'silent' },
      feed: {
        clock,
        stallTimeoutMs: 10_000,
        observer: {
          candleReceived: (stream) => {
            if (stream.includes('ETHUSDT')) ethPushes += 1;
          },
        },
      },
    });
    const [btc, eth, sol] = await subscribeAll(harness);
    harness.venue.faults.delist('BTCUSDT', 'silent');
    for (let step = 0; step < 20 && btc.ofType('error').length === 0; step++) {
      clock.advance(2_000);
      const before = ethPushes;
      harness.venue.advance(2_000);
      await waitFor(() => ethPushes > before, 'the flowing stream pushed');
    }
    await btc.until(() => btc.ofType('error').length === 1, 'the delisted stream failed');
    const [failure] = btc.ofType('error');
    expect(failure?.error.code).toBe('symbol_rejected');
    expect(failure?.error.message).toMatch(/"BTCUSDT".*no longer in the venue's instrument list/);
    expect([...eth.ofType('error'), ...sol.ofType('error')]).toEqual([]);
    await waitFor(() => harness!.venue.subscriptionCount() === 2, 'the delisted stream unsubscribed');
  });

  it('the connection dropped on subscribe (Hyperliquid): only the delisted stream fails; the others recover with gap fill', async () => {
    harness = await startHarness({ adapter: { spec: { ws: { unknownSymbolKillsConnection: true } } } });
    const [btc, eth, sol] = await subscribeAll(harness);
    harness.venue.faults.delist('BTCUSDT', 'kill');
    await btc.until(() => btc.ofType('error').length === 1, 'the delisted stream failed');
    expect(btc.ofType('error')[0]?.error.message).toMatch(
      /"BTCUSDT".*no longer in the venue's instrument list/,
    );
    await waitFor(() => harness!.venue.subscriptionCount() === 2, 'the others subscribed again');
    for (let step = 0; step < 3; step++) harness.venue.advance(MINUTE);
    for (const recorder of [eth, sol]) {
      await recorder.until(() => recorder.closedCandles().length >= 4, 'candles after the outage');
      expectConsecutive(recorder.closedCandles());
      expect(recorder.ofType('error')).toEqual([]);
    }
  });
});
