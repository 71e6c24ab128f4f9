import { intervalMs } from '@ohlcv/core';
import { expect, it } from 'vitest';
import { withFastHeartbeat } from './adapter-overrides';
import { expectConsecutive, expectSameCandle } from './candle-checks';
import { IDLE_TIMEOUT_MS, type SuiteContext } from './conformance-harness';
import { driveUntil, waitUntil } from './drive';
import { EventRecorder } from './event-recorder';

/**
 * Live streaming through the engine: venue values, close detection under duplicated / reordered /
 * malformed pushes, gap fill after a drop, heartbeat, stall reporting, shared upstreams.
 */
export function describeStreamTests(context: SuiteContext): void {
  const { options, market, interval, setUp } = context;
  const step = 15_000;

  it('subscribes and delivers open updates and closed candles with the venue values', async () => {
    const { simulator, feed, first } = await setUp();
    const recorder = new EventRecorder();
    const subscription = feed.subscribe(
      { exchange: options.adapter.id, market, symbol: first, interval },
      { onEvent: recorder.onEvent },
    );
    await driveUntil(simulator, () => recorder.closedCandles().length >= 3, {
      stepMs: step,
      what: '3 closed candles',
    });
    expect(recorder.openCandles().length).toBeGreaterThan(0);
    for (const candle of recorder.closedCandles()) {
      expect(candle.exchange).toBe(options.adapter.id);
      expect(candle.market).toBe(market);
      expectSameCandle(candle, simulator.candleAt(first, interval, candle.openTime));
    }
    expectConsecutive(recorder.closedCandles(), simulator, interval);
    subscription.close();
  });

  it('never emits an unfinished candle as closed and never repeats one', async () => {
    const { simulator, feed, first } = await setUp();
    const recorder = new EventRecorder();
    feed.subscribe(
      { exchange: options.adapter.id, market, symbol: first, interval },
      { onEvent: recorder.onEvent },
    );
    simulator.faults.duplicatePushes(5);
    simulator.faults.reorderPushes(3);
    simulator.faults.malformedFrames(2);
    await driveUntil(simulator, () => recorder.closedCandles().length >= 5, {
      stepMs: step,
      what: '5 closed candles',
    });
    const closed = recorder.closedCandles();
    expect(new Set(closed.map((candle) => candle.openTime)).size).toBe(closed.length);
    for (const candle of closed) expect(candle.closeTime).toBeLessThanOrEqual(simulator.clock.now());
    expectConsecutive(closed, simulator, interval);
  });

  it('fills the gap after a dropped connection and skipped pushes: consecutive, none repeated', async () => {
    const { simulator, feed, first } = await setUp();
    const recorder = new EventRecorder();
    feed.subscribe(
      { exchange: options.adapter.id, market, symbol: first, interval },
      { closedOnly: true, onEvent: recorder.onEvent },
    );
    await driveUntil(simulator, () => recorder.closedCandles().length >= 2, {
      stepMs: step,
      what: 'first closed candles',
    });
    // An outage that spans candle boundaries: the venue keeps trading while the client hears
    // nothing, then the connection drops and the next pushes are withheld too.
    simulator.faults.silence();
    await simulator.clock.advance(3 * intervalMs(interval));
    simulator.faults.dropConnections();
    simulator.faults.resume();
    simulator.faults.skipPushes(3);
    await driveUntil(simulator, () => recorder.closedCandles().length >= 8, {
      stepMs: step,
      what: '8 closed candles after the drop',
    });
    const closed = recorder.closedCandles();
    expect(new Set(closed.map((candle) => candle.openTime)).size).toBe(closed.length);
    expectConsecutive(closed, simulator, interval);
    expect(recorder.restCandles().length, 'some candles came from REST').toBeGreaterThan(0);
    for (const candle of closed)
      expectSameCandle(candle, simulator.candleAt(first, interval, candle.openTime));
  });

  it("keeps an idle connection alive with the venue's heartbeat", async () => {
    let closes = 0;
    const heartbeatAdapter = withFastHeartbeat(options.adapter, Math.floor(IDLE_TIMEOUT_MS / 4));
    const { simulator, feed, first } = await setUp({
      adapter: heartbeatAdapter,
      observer: {
        connectionClosed: () => {
          closes += 1;
        },
      },
    });
    const recorder = new EventRecorder();
    feed.subscribe(
      { exchange: options.adapter.id, market, symbol: first, interval },
      { onEvent: recorder.onEvent },
    );
    await driveUntil(simulator, () => recorder.events.length > 0, { stepMs: step, what: 'first event' });
    // No virtual time passes: only the heartbeat keeps the connection alive for 3 idle periods.
    const until = Date.now() + IDLE_TIMEOUT_MS * 3;
    await waitUntil(() => Date.now() >= until || closes > 0, 'the idle period', IDLE_TIMEOUT_MS * 4);
    expect(closes).toBe(0);
    expect(simulator.connectionCount()).toBe(1);
  });

  it('reports a silent stream as stalled, keeps the others, and reports its recovery', async () => {
    const { simulator, feed, first, second } = await setUp({ stallTimeoutMs: 300 });
    const silent = new EventRecorder();
    const flowing = new EventRecorder();
    feed.subscribe(
      { exchange: options.adapter.id, market, symbol: first, interval },
      { onEvent: silent.onEvent },
    );
    feed.subscribe(
      { exchange: options.adapter.id, market, symbol: second, interval },
      { onEvent: flowing.onEvent },
    );
    await driveUntil(simulator, () => silent.events.length > 0 && flowing.events.length > 0, {
      stepMs: 2_000,
      what: 'both streams',
    });
    simulator.faults.stallStream({ symbol: first, interval });
    await driveUntil(simulator, () => silent.ofType('stalled').length > 0, {
      stepMs: 2_000,
      pauseMs: 50,
      what: 'the stalled event',
    });
    expect(flowing.ofType('stalled')).toHaveLength(0);
    simulator.faults.unstallStream({ symbol: first, interval });
    await driveUntil(simulator, () => silent.ofType('recovered').length > 0, {
      stepMs: 2_000,
      pauseMs: 50,
      what: 'the recovered event',
    });
  });

  it('shares one upstream subscription between consumers and drops it after the last leaves', async () => {
    const { simulator, feed, first } = await setUp();
    const a = new EventRecorder();
    const b = new EventRecorder();
    const subscriptionA = feed.subscribe(
      { exchange: options.adapter.id, market, symbol: first, interval },
      { onEvent: a.onEvent },
    );
    const subscriptionB = feed.subscribe(`${options.adapter.id}:${market}:${first}:${interval}`, {
      onEvent: b.onEvent,
    });
    await driveUntil(simulator, () => a.closedCandles().length >= 2 && b.closedCandles().length >= 2, {
      stepMs: step,
      what: 'both consumers',
    });
    expect(simulator.subscriptionCount()).toBe(1);
    expect(b.closedCandles().map((candle) => candle.openTime)).toEqual(
      a
        .closedCandles()
        .map((candle) => candle.openTime)
        .slice(0, b.closedCandles().length),
    );
    subscriptionA.close();
    expect(simulator.subscriptionCount()).toBe(1);
    subscriptionB.close();
    await waitUntil(() => simulator.subscriptionCount() === 0, 'the upstream unsubscribe');
  });
}
