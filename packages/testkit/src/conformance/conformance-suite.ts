import {
  type Candle,
  createFeed,
  type Feed,
  type FeedObserver,
  type Interval,
  intervalMs,
  type MarketSpec,
  type MarketType,
  nextOpenTime,
  OhlcvError,
  type VenueAdapter,
} from '@ohlcv/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { VenueSimulator } from '../simulator-types';
import { runChaosSuite } from './chaos-suite';
import { driveUntil, waitUntil } from './drive';
import { EventRecorder } from './event-recorder';

export interface ConformanceSimulatorOptions {
  /**
   * The venue's heartbeat rule, shortened to this many real ms so the heartbeat test runs in seconds:
   * the simulator drops a client that shows no sign of life (no pong / no ping / no traffic, as the
   * venue does) for this long.
   */
  idleTimeoutMs: number;
  /**
   * Virtual ms between open-candle pushes, coarser than the venue's cadence (the chaos runs set it to
   * keep thousands of candles cheap). Undefined: the venue's cadence.
   */
  pushCadenceMs?: number;
  /** Set by the chaos runs: raise the simulator's real-time budgets (see `ChaosSimulatorOptions`). */
  generousRealTimeLimits?: boolean;
}

export interface ConformanceOptions {
  adapter: VenueAdapter;
  markets: readonly MarketType[];
  /** Starts the venue's simulator for a market on manual virtual time. */
  startSimulator(market: MarketType, options: ConformanceSimulatorOptions): Promise<VenueSimulator>;
  /** A well-formed symbol the venue does not list. Default: `NOPE` + the simulator's first symbol. */
  unknownSymbol?(market: MarketType, simulator: VenueSimulator): string;
  /** Interval to test with. Default `1m`. */
  interval?: Interval;
}

const IDLE_TIMEOUT_MS = 1_200;

/** The adapter with its app-level heartbeat sped up to match the shortened simulator rule. */
function withFastHeartbeat(adapter: VenueAdapter, everyMs: number): VenueAdapter {
  const markets: Partial<Record<MarketType, MarketSpec | undefined>> = {};
  for (const [market, spec] of Object.entries(adapter.markets) as Array<
    [MarketType, MarketSpec | undefined]
  >) {
    markets[market] =
      spec?.ws.heartbeat === undefined
        ? spec
        : { ...spec, ws: { ...spec.ws, heartbeat: { ...spec.ws.heartbeat, everyMs } } };
  }
  return Object.assign(Object.create(adapter) as VenueAdapter, { markets });
}

function expectSameCandle(actual: Candle, expected: Candle | undefined): void {
  expect(expected, `the venue has a candle at ${new Date(actual.openTime).toISOString()}`).toBeDefined();
  if (!expected) return;
  expect(actual.symbol).toBe(expected.symbol);
  expect(actual.interval).toBe(expected.interval);
  expect(actual.openTime).toBe(expected.openTime);
  expect(actual.closeTime).toBe(expected.closeTime);
  for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
    expect(actual[field], field).toBeCloseTo(expected[field], 6);
  }
}

/** Closed candles strictly consecutive (no gap where the venue has candles), each once. */
function expectConsecutive(candles: Candle[], simulator: VenueSimulator, interval: Interval): void {
  for (let index = 1; index < candles.length; index += 1) {
    const previous = candles[index - 1]!;
    const current = candles[index]!;
    expect(current.openTime, 'closed candles strictly increase').toBeGreaterThan(previous.openTime);
    for (
      let t = nextOpenTime(interval, previous.openTime);
      t < current.openTime;
      t = nextOpenTime(interval, t)
    ) {
      expect(
        simulator.candleAt(current.symbol, interval, t),
        `no candle skipped at ${new Date(t).toISOString()}`,
      ).toBeUndefined();
    }
  }
}

/**
 * The adapter conformance suite: runs the same behavioural tests through the real engine against the
 * venue's simulator, for every market, then the chaos suite (seeded random faults of every kind; its
 * settings in chaos-config.ts). Call it from a test file of the venue package.
 */
export function runConformanceSuite(options: ConformanceOptions): void {
  const interval = options.interval ?? '1m';
  const step = 15_000;

  for (const market of options.markets) {
    describe(`${options.adapter.id} ${market} conformance`, () => {
      let simulator: VenueSimulator | undefined;
      let feed: Feed | undefined;

      afterEach(async () => {
        await feed?.close();
        await simulator?.close();
        feed = undefined;
        simulator = undefined;
      });

      async function setUp(
        extra: { stallTimeoutMs?: number; observer?: FeedObserver; adapter?: VenueAdapter } = {},
      ) {
        simulator = await options.startSimulator(market, { idleTimeoutMs: IDLE_TIMEOUT_MS });
        const adapter = extra.adapter ?? options.adapter;
        feed = createFeed({
          adapters: [adapter],
          endpoints: { [adapter.id]: { [market]: { ws: simulator.wsBase, rest: simulator.restBase } } },
          stallTimeoutMs: extra.stallTimeoutMs ?? 120_000,
          backoff: { initialMs: 20, maxMs: 200 },
          ...(extra.observer ? { observer: extra.observer } : {}),
        });
        const [first, second] = simulator.symbols;
        if (!first || !second) throw new Error('the simulator must list at least two symbols');
        return { simulator, feed, first, second };
      }

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

      it('fails an unknown symbol alone, naming it, while other streams flow', async () => {
        const { simulator, feed, first } = await setUp();
        const unknown = options.unknownSymbol?.(market, simulator) ?? `NOPE${first}`;
        const bad = new EventRecorder();
        const good = new EventRecorder();
        const badSubscription = feed.subscribe(
          { exchange: options.adapter.id, market, symbol: unknown, interval },
          { onEvent: bad.onEvent },
        );
        feed.subscribe(
          { exchange: options.adapter.id, market, symbol: first, interval },
          { onEvent: good.onEvent },
        );
        await expect(badSubscription.ready).rejects.toThrowError(unknown);
        const [failure] = bad.ofType('error');
        expect(OhlcvError.isInstance(failure?.error)).toBe(true);
        expect(failure?.error.message).toContain(unknown);
        await driveUntil(simulator, () => good.closedCandles().length >= 2, {
          stepMs: step,
          what: 'the good stream',
        });
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
    });
  }
  runChaosSuite(options);
}
