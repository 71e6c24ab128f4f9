/**
 * One chaos run on one venue-market: the venue's simulator with a seeded fault schedule, the real
 * engine on the simulator's virtual time, three streams, then the checker. Virtual time moves in small
 * steps; while the engine waits on REST (slow or hung responses are real time) it stands still.
 */
import {
  createFeed,
  type Feed,
  type Interval,
  intervalMs,
  type MarketType,
  type StreamRef,
  stallTimeoutFor,
  type VenueAdapter,
} from '@ohlcv/core';
import type { VenueSimulator } from '../simulator-types';
import { applySchedule } from './chaos-apply';
import { type CheckWindow, checkStream, type StreamFindings, type TimedEvent } from './chaos-checker';
import type { FaultKind } from './chaos-config';
import { chaosSchedule, type FaultEvent, faultEnd } from './chaos-schedule';
import { engineClockOf } from './engine-clock';
import { withCheckedFastPath } from './fast-path-check';

/** What a chaos run asks of the venue's simulator. */
export interface ChaosSimulatorOptions {
  /** The venue's real-time heartbeat rule (ms): generous, virtual time runs much faster. */
  idleTimeoutMs: number;
  /** Virtual ms between open-candle pushes (coarser than the venue, to keep long runs cheap). */
  pushCadenceMs: number;
  /**
   * Virtual time runs about 100× faster than real time here, and the engine paces itself on virtual
   * time: raise the simulator's real-time budgets (client messages, new connections, subscribe requests
   * per hour, REST requests per window) so they do not judge virtual-time pacing in real time. Budgets
   * kept on the simulator's virtual clock (Binance and Hyperliquid REST weight per minute) stay.
   */
  generousRealTimeLimits: true;
}

export interface ChaosRunOptions {
  adapter: VenueAdapter;
  market: MarketType;
  startSimulator(market: MarketType, options: ChaosSimulatorOptions): Promise<VenueSimulator>;
  seed: number;
  /** Closed candles to check, over all streams. */
  candles: number;
  kinds: readonly FaultKind[];
  /** Coarser steps and pushes (long runs): 8 s steps, a push every 4 s instead of 4 s and 2 s. */
  coarse?: boolean;
}

export interface ChaosReport {
  venue: string;
  seed: number;
  candlesChecked: number;
  faults: Partial<Record<FaultKind, number>>;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  wrongValues: number;
  missedStalls: number;
  missedRecoveries: number;
  failures: number;
  /** Longest virtual ms from a fault's end to live data on every stream again. */
  maxRecoveryMs: number;
  virtualMinutes: number;
  realMs: number;
  streams: StreamFindings[];
  /** Frames on which the adapter's fast path (`parseCandleFrame`) and `parse` disagreed (with the frame). */
  fastPathDisagreements: string[];
  schedule: FaultEvent[];
}

const INTERVAL: Interval = '1m';
/** Virtual ms per driver step, and between open-candle pushes (×2 for coarse runs). */
const STEP_MS = 4_000;
const PUSH_CADENCE_MS = 2_000;
const REAL_IDLE_TIMEOUT_MS = 60_000;
/** Real ms a REST call may take before the engine gives up (a hung response ends this way). */
const REST_TIMEOUT_MS = 2_000;
const MAX_REST_WAIT_MS = 20_000;

const READY_WAIT_MS = 30_000;

/** Waits for `promise`, at most `ms` of real time. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function tick(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Three streams on symbols with candles; the delisted one's symbol is used by no other stream. */
function pickStreams(simulator: VenueSimulator, start: number): { streams: StreamRef[]; delist: StreamRef } {
  const live = simulator.symbols.filter(
    (symbol) => simulator.candleAt(symbol, INTERVAL, start - intervalMs(INTERVAL)) !== undefined,
  );
  const [first, second, third] = live;
  if (!first || !second)
    throw new Error(`chaos needs two symbols with candles, the simulator lists ${live.join(', ')}`);
  if (third)
    return {
      streams: [
        { symbol: first, interval: INTERVAL },
        { symbol: second, interval: INTERVAL },
        { symbol: third, interval: INTERVAL },
      ],
      delist: { symbol: third, interval: INTERVAL },
    };
  return {
    streams: [
      { symbol: first, interval: INTERVAL },
      { symbol: first, interval: '5m' },
      { symbol: second, interval: INTERVAL },
    ],
    delist: { symbol: second, interval: INTERVAL },
  };
}

export async function runChaos(options: ChaosRunOptions): Promise<ChaosReport> {
  const realStart = Date.now();
  const { adapter, market } = options;
  const venue = `${adapter.id}:${market}`;
  const stepMs = options.coarse ? 2 * STEP_MS : STEP_MS;
  const pushCadenceMs = options.coarse ? 2 * PUSH_CADENCE_MS : PUSH_CADENCE_MS;
  const spec = adapter.markets[market];
  if (!spec) throw new Error(`${adapter.id} has no ${market} market`);
  const simulator = await options.startSimulator(market, {
    idleTimeoutMs: REAL_IDLE_TIMEOUT_MS,
    pushCadenceMs,
    generousRealTimeLimits: true,
  });
  let feed: Feed | undefined;
  try {
    const clock = simulator.clock;
    const start = clock.now();
    const { streams, delist } = pickStreams(simulator, start);
    const stallTimeoutMs = spec.candles.stallTimeoutMs;
    const every = intervalMs(INTERVAL);
    // Virtual minutes for `candles` closed candles over the streams; the delisted one stops ~60% through.
    const rate = (stream: StreamRef) => every / intervalMs(stream.interval);
    const perMinute =
      streams.reduce((total, stream) => total + rate(stream), 0) -
      (options.kinds.includes('delist') ? 0.4 * rate(delist) : 0);
    // 5 % over, so the run checks at least `candles` however the delisting falls.
    const minutes = Math.ceil((1.05 * options.candles) / perMinute);
    const schedule = chaosSchedule({
      seed: options.seed,
      kinds: options.kinds,
      start: start + 3 * every,
      end: start + minutes * every,
      streams,
      delistStream: delist,
      stallTimeoutMs,
      inactivityTimeoutMs: spec.ws.inactivityTimeoutMs,
      intervalMs: every,
    });
    const lastFaultEnd = Math.max(start, ...schedule.map(faultEnd));
    const settleMs = Math.max(3 * stallTimeoutMs, 5 * every);
    const endAt = Math.max(start + (minutes + 2) * every, lastFaultEnd + settleMs);
    const delistedAt = schedule.find((event) => event.kind === 'delist')?.at;

    // When each stream's live candles reached the engine: the silences the stall rule is about
    // (a candle held behind a pending gap fill reaches the consumer later, but it did arrive).
    const arrivals = new Map<string, number[]>();
    const fastPathDisagreements: string[] = [];
    feed = createFeed({
      adapters: [withCheckedFastPath(adapter, fastPathDisagreements)],
      endpoints: { [adapter.id]: { [market]: { ws: simulator.wsBase, rest: simulator.restBase } } },
      clock: engineClockOf(simulator),
      restTimeoutMs: REST_TIMEOUT_MS,
      observer: { candleReceived: (key) => arrivals.get(key)?.push(clock.now()) },
    });
    const readiness: Promise<void>[] = [];
    const records = streams.map((stream) => {
      const events: TimedEvent[] = [];
      const subscription = feed!.subscribe(
        { exchange: adapter.id, market, symbol: stream.symbol, interval: stream.interval },
        { onEvent: (event) => events.push({ event, at: clock.now() }) },
      );
      readiness.push(subscription.ready.catch(() => undefined));
      const isDelisted = delistedAt !== undefined && stream.symbol === delist.symbol;
      const liveArrivals: number[] = [];
      arrivals.set(subscription.stream, liveArrivals);
      return {
        stream,
        key: subscription.stream,
        events,
        liveArrivals,
        stallTimeoutMs: stallTimeoutFor(
          stallTimeoutMs,
          stream.interval,
          spec.candles,
          spec.candles.closeGraceMs ?? 5_000,
        ),
        subscribedAt: start,
        ...(isDelisted ? { delistedAt } : {}),
      };
    });
    // Virtual time starts once every stream is live (or a real-time bound passed): on a loaded machine
    // connecting and subscribing can take longer than the first candle, which would then close before
    // the subscription (seen: okx:usdm seed 389099 'lost' the first 1m candle of each stream).
    await settleWithin(Promise.all(readiness), READY_WAIT_MS);
    const cancel = applySchedule(simulator, schedule);

    while (clock.now() < endAt) {
      await clock.advance(Math.min(stepMs, endAt - clock.now()));
      await tick(1);
      const restWaitUntil = Date.now() + MAX_REST_WAIT_MS;
      while (simulator.restInFlight() > 0 && Date.now() < restWaitUntil) await tick(2);
    }
    cancel();
    await feed.close();
    feed = undefined;

    const window: CheckWindow = {
      endAt,
      stallTimeoutMs,
      slackMs: stepMs + pushCadenceMs + every,
      candleAt: (symbol, interval, openTime) => simulator.candleAt(symbol, interval, openTime),
    };
    const findings = records.map((record) => checkStream(record, window));
    const sum = (pick: (item: StreamFindings) => number) =>
      findings.reduce((total, item) => total + pick(item), 0);
    const faults: Partial<Record<FaultKind, number>> = {};
    for (const event of schedule) faults[event.kind] = (faults[event.kind] ?? 0) + 1;
    return {
      venue,
      seed: options.seed,
      candlesChecked: sum((item) => item.closed),
      faults,
      lost: sum((item) => item.lost.length),
      duplicated: sum((item) => item.duplicated.length),
      outOfOrder: sum((item) => item.outOfOrder.length),
      wrongValues: sum((item) => item.wrongValues.length),
      missedStalls: sum((item) => item.missedStalls.length),
      missedRecoveries: sum((item) => item.missedRecoveries.length),
      failures: sum((item) => item.failures.length),
      maxRecoveryMs: maxRecovery(schedule, records, endAt),
      virtualMinutes: Math.round((endAt - start) / 60_000),
      realMs: Date.now() - realStart,
      streams: findings,
      fastPathDisagreements,
      schedule,
    };
  } finally {
    await feed?.close();
    await simulator.close();
  }
}

/** For each fault, the virtual ms until every surviving stream delivered live again; the longest. */
function maxRecovery(
  schedule: readonly FaultEvent[],
  records: ReadonlyArray<{ events: readonly TimedEvent[]; delistedAt?: number }>,
  endAt: number,
): number {
  let max = 0;
  for (const fault of schedule) {
    if (fault.kind === 'delist') continue;
    const end = faultEnd(fault);
    for (const record of records) {
      if (record.delistedAt !== undefined && record.delistedAt <= end) continue;
      const next = record.events.find(
        ({ event, at }) => at > end && event.type === 'candle' && event.source === 'live',
      );
      max = Math.max(max, (next?.at ?? endAt) - end);
    }
  }
  return max;
}
