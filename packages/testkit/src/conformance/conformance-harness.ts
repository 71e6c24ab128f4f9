import {
  createFeed,
  type Feed,
  type FeedObserver,
  type HttpClient,
  type Interval,
  type MarketType,
  type StreamId,
  type VenueAdapter,
} from '@ohlcv/core';
import { afterEach, expect } from 'vitest';
import type { VenueSimulator } from '../simulator-types';
import type { ConformanceOptions, ConformanceSimulatorOptions } from './conformance-options';
import { engineClockOf } from './engine-clock';
import { withCheckedFastPath } from './fast-path-check';

/** The simulator's idle rule in the suite (real ms), shortened from the venue's so tests run in seconds. */
export const IDLE_TIMEOUT_MS = 1_200;

interface SetUpOptions {
  stallTimeoutMs?: number;
  observer?: FeedObserver;
  /** Another form of the adapter (sped-up heartbeat, smaller pages, a stale instrument), or one made from the simulator. */
  adapter?: VenueAdapter | ((simulator: VenueSimulator) => VenueAdapter);
  /** Run the engine's clock and timers on the simulator's virtual time (waits pass as the test drives it). */
  virtualClock?: boolean;
  /** With `virtualClock`: the engine's clock runs this many ms ahead of the venue's (negative: behind). */
  clockSkewMs?: number;
  http?: HttpClient | ((simulator: VenueSimulator) => HttpClient);
  /** REST pages `history()` keeps in flight (1: requests strictly one after another). */
  historyConcurrency?: number;
  simulator?: Omit<ConformanceSimulatorOptions, 'idleTimeoutMs'>;
}

interface SetUp {
  simulator: VenueSimulator;
  feed: Feed;
  adapter: VenueAdapter;
  /** The simulator's first two listed symbols. */
  first: string;
  second: string;
}

/** What each part of the suite gets for one venue market. */
export interface SuiteContext {
  options: ConformanceOptions;
  market: MarketType;
  interval: Interval;
  /** Starts the simulator and a feed onto it; both are closed after the test. */
  setUp(extra?: SetUpOptions): Promise<SetUp>;
  /** The stream of `symbol` at the suite's interval on this market. */
  stream(symbol: string): StreamId;
}

/** A suite context whose set-ups are torn down after each test (call inside a `describe`). */
export function suiteContext(options: ConformanceOptions, market: MarketType): SuiteContext {
  const interval = options.interval ?? '1m';
  let simulator: VenueSimulator | undefined;
  let feed: Feed | undefined;
  /** Frames where the adapter's fast path and `parse` disagreed during the test. */
  const fastPathDisagreements: string[] = [];
  afterEach(async () => {
    await feed?.close();
    await simulator?.close();
    feed = undefined;
    simulator = undefined;
    const disagreements = fastPathDisagreements.splice(0);
    expect(disagreements, "the adapter's parseCandleFrame agrees with parse on every frame").toEqual([]);
  });
  return {
    options,
    market,
    interval,
    stream: (symbol) => ({ exchange: options.adapter.id, market, symbol, interval }),
    async setUp(extra = {}) {
      simulator = await options.startSimulator(market, {
        ...extra.simulator,
        idleTimeoutMs: IDLE_TIMEOUT_MS,
      });
      const adapter =
        typeof extra.adapter === 'function' ? extra.adapter(simulator) : (extra.adapter ?? options.adapter);
      feed = createFeed({
        adapters: [withCheckedFastPath(adapter, fastPathDisagreements)],
        endpoints: { [adapter.id]: { [market]: { ws: simulator.wsBase, rest: simulator.restBase } } },
        stallTimeoutMs: extra.stallTimeoutMs ?? 120_000,
        backoff: { initialMs: 20, maxMs: 200 },
        ...(extra.observer ? { observer: extra.observer } : {}),
        ...(extra.virtualClock ? { clock: engineClockOf(simulator, extra.clockSkewMs ?? 0) } : {}),
        ...(extra.http === undefined
          ? {}
          : { http: typeof extra.http === 'function' ? extra.http(simulator) : extra.http }),
        ...(extra.historyConcurrency === undefined ? {} : { historyConcurrency: extra.historyConcurrency }),
      });
      const [first, second] = simulator.symbols;
      if (!first || !second) throw new Error('the simulator must list at least two symbols');
      return { simulator, feed, adapter, first, second };
    },
  };
}
