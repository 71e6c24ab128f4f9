import { afterEach, describe, expect, it } from 'vitest';
import type { FeedOptions } from './feed-types';
import { EventRecorder, waitFor } from './test-support/event-recorder';
import { type Harness, MINUTE, startHarness } from './test-support/feed-harness';
import { advanceUntil, ManualClock } from './test-support/manual-clock';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const STALL_MS = 10_000;

async function setUp(symbols: readonly string[], extra: Pick<FeedOptions, 'logger' | 'observer'> = {}) {
  const clock = new ManualClock();
  harness = await startHarness({
    adapter: { spec: { ws: { inactivityTimeoutMs: 3_600_000 } } },
    feed: { clock, stallTimeoutMs: STALL_MS, backoff: { initialMs: 5, maxMs: 20 }, ...extra },
  });
  const { venue, feed } = harness;
  const recorders = symbols.map(() => new EventRecorder());
  const subscriptions = symbols.map((symbol, index) =>
    feed.subscribe(`binance:spot:${symbol}:1m`, { onEvent: recorders[index]!.onEvent }),
  );
  await Promise.all(subscriptions.map((subscription) => subscription.ready));
  await waitFor(() => venue.subscriptionCount() === symbols.length, 'every upstream subscription');
  venue.advance(MINUTE);
  await Promise.all(recorders.map((recorder) => recorder.until(() => recorder.events.length > 0, 'data')));
  return { clock, venue, feed, recorders };
}

describe('stall reporting', () => {
  it('reports every silence past the stall timeout, then its recovery', async () => {
    const { clock, venue, recorders } = await setUp(['BTCUSDT']);
    const [recorder] = recorders as [EventRecorder];
    venue.faults.stallStream('BTCUSDT@1m');
    clock.advance(STALL_MS * 1.2); // past the timeout, long before the ladder's last rung
    await recorder.until(() => recorder.ofType('stalled').length === 1, 'stalled');
    venue.faults.unstallStream('BTCUSDT@1m');
    await waitFor(() => venue.subscriptionCount() === 1, 'the stream subscribed');
    venue.advance(MINUTE);
    await recorder.until(() => recorder.ofType('recovered').length === 1, 'recovered');
  });

  it('reports a stall once to the logger and once to the observer (logging is one observer)', async () => {
    const lines: string[] = [];
    const observed: string[] = [];
    const log = (object: object, message?: string): void =>
      void lines.push(message ?? JSON.stringify(object));
    const { clock, venue, recorders } = await setUp(['BTCUSDT'], {
      logger: { debug: log, info: log, warn: log, error: log },
      observer: {
        streamStalled: (stream) => void observed.push(`stalled ${stream}`),
        streamRecovered: (stream) => void observed.push(`recovered ${stream}`),
      },
    });
    const [recorder] = recorders as [EventRecorder];
    venue.faults.stallStream('BTCUSDT@1m');
    clock.advance(STALL_MS * 1.2);
    await recorder.until(() => recorder.ofType('stalled').length === 1, 'stalled');
    venue.faults.unstallStream('BTCUSDT@1m');
    await waitFor(() => venue.subscriptionCount() === 1, 'the stream subscribed');
    venue.advance(MINUTE);
    await recorder.until(() => recorder.ofType('recovered').length === 1, 'recovered');
    expect(observed).toEqual(['stalled binance:spot:BTCUSDT:1m', 'recovered binance:spot:BTCUSDT:1m']);
    expect(lines.filter((line) => line === 'stream stalled')).toHaveLength(1);
    expect(lines.filter((line) => line === 'stream recovered')).toHaveLength(1);
    expect(lines).toContain('connection opened');
  });

  it('counts silence while the socket is down: stalled during the outage, recovered after', async () => {
    const { clock, venue, feed, recorders } = await setUp(['BTCUSDT']);
    const [recorder] = recorders as [EventRecorder];
    venue.faults.refuseConnections(true);
    venue.faults.dropConnections();
    await advanceUntil(clock, 1_000, () => recorder.ofType('stalled').length === 1, 'stalled while down');
    expect(recorder.ofType('stalled')[0]!.silentMs).toBeGreaterThanOrEqual(STALL_MS);
    expect(feed.status().venues[0]?.openConnections).toBe(0);
    venue.faults.refuseConnections(false);
    await advanceUntil(clock, 5, () => venue.subscriptionCount() === 1, 'the reconnect');
    venue.advance(MINUTE);
    await recorder.until(() => recorder.ofType('recovered').length === 1, 'recovered');
  });

  it("a reopen does not restart a silent stream's silence", async () => {
    const { clock, venue, recorders } = await setUp(['BTCUSDT', 'ETHUSDT']);
    const [flowing, silent] = recorders as [EventRecorder, EventRecorder];
    venue.faults.stallStream('ETHUSDT@1m');
    clock.advance(STALL_MS * 0.8);
    venue.faults.dropConnections(); // the shared connection reopens
    await advanceUntil(clock, 5, () => venue.subscriptionCount() === 2, 'the reconnect');
    const before = flowing.events.length;
    venue.advance(1_000);
    await flowing.until(() => flowing.events.length > before, 'the other stream flows');
    clock.advance(STALL_MS * 0.3);
    await silent.until(() => silent.ofType('stalled').length === 1, 'the silent stream stalled on time');
    expect(flowing.ofType('stalled')).toEqual([]);
  });
});

describe('reconnect backoff under a steady fault rate', () => {
  it('stays at the first ceiling while every connection delivers before it drops', async () => {
    const delays: number[] = [];
    harness = await startHarness({
      feed: {
        random: () => 0.999,
        backoff: { initialMs: 50, maxMs: 10_000 },
        observer: { reconnectScheduled: (info) => void delays.push(info.delayMs) },
      },
    });
    const { venue, feed } = harness;
    const recorder = new EventRecorder();
    feed.subscribe('binance:spot:BTCUSDT:1m', { onEvent: recorder.onEvent });
    for (let drop = 1; drop <= 6; drop++) {
      await waitFor(() => venue.subscriptionCount() === 1, 'the stream subscribed', 15_000);
      const before = recorder.events.length;
      venue.advance(MINUTE);
      await recorder.until(() => recorder.events.length > before, 'data on the fresh connection');
      venue.faults.dropConnections();
      await waitFor(() => delays.length === drop, 'the reconnect scheduled');
    }
    expect(Math.max(...delays), `delays ${delays.join(', ')}`).toBeLessThanOrEqual(50);
  });
});
