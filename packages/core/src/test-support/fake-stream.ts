import type { Candle } from '../candle';
import { StreamSequencer } from '../sequencer';
import { stallTimeoutFor } from '../stall-timeout';
import type { StreamHost, StreamView } from '../stream-host';
import type { MarketSpec } from '../venue-adapter';
import { ManualClock } from './manual-clock';
import { type ToyAdapterOptions, toyMarketSpec } from './toy-adapter';

export const FAKE_T0 = Date.UTC(2024, 0, 1);
export const FAKE_MINUTE = 60_000;

/** Candle `index` of the fake 1m stream (`close` tells versions apart). */
export function fakeCandle(index: number, closed: boolean, close = 100 + index): Candle {
  const openTime = FAKE_T0 + index * FAKE_MINUTE;
  return {
    exchange: 'binance',
    market: 'spot',
    symbol: 'BTCUSDT',
    interval: '1m',
    openTime,
    closeTime: openTime + FAKE_MINUTE - 1,
    open: 100,
    high: 200,
    low: 50,
    close,
    volume: 1,
    closed,
  };
}

export interface FakeStream extends StreamView {
  readonly clock: ManualClock;
  /** Sequencer output and reports, as readable lines. */
  readonly log: string[];
  /** REST calls made: [from, to] as candle indexes. */
  readonly fetches: Array<[number, number]>;
  /** Answers the next REST calls (default: every candle of the range, closed). */
  answer: (from: number, to: number) => Promise<Candle[]>;
  connectedNow: boolean;
  closedNow: boolean;
  readonly actions: string[];
}

const index = (time: number) => (time - FAKE_T0) / FAKE_MINUTE;

/**
 * A stream's parts' world without sockets: a sequencer on a 1m stream whose sink logs, a host whose
 * REST is `answer`, a manual clock. For the unit tests of the stream's parts.
 */
export function fakeStream(spec: ToyAdapterOptions['spec'] = {}, start = FAKE_T0): FakeStream {
  const clock = new ManualClock(start);
  const log: string[] = [];
  const fetches: Array<[number, number]> = [];
  const actions: string[] = [];
  const marketSpec: MarketSpec = toyMarketSpec(spec);
  const stream: FakeStream = {
    clock,
    log,
    fetches,
    actions,
    connectedNow: true,
    closedNow: false,
    answer: async (from, to) => {
      const rows: Candle[] = [];
      for (let at = index(from); at <= index(to); at++) rows.push(fakeCandle(at, true));
      return rows;
    },
    key: 'binance:spot:BTCUSDT:1m',
    id: { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' },
    ref: { symbol: 'BTCUSDT', interval: '1m' },
    name: 'BTCUSDT@1m',
    get host() {
      return host;
    },
    sequencer: undefined as unknown as StreamSequencer,
    get closed() {
      return stream.closedNow;
    },
    get connected() {
      return stream.connectedNow;
    },
    reportGap: (from, to, reason) => log.push(`gap ${index(from)}..${index(to)} ${reason}`),
    reportStalled: (silentMs) => log.push(`stalled ${silentMs}`),
    reportRecovered: () => log.push('recovered'),
    gapSettled: () => undefined,
  };
  const host: StreamHost = {
    clock,
    observer: undefined,
    signal: new AbortController().signal,
    spec: marketSpec,
    stallTimeoutFor: (interval) =>
      stallTimeoutFor(
        marketSpec.candles.stallTimeoutMs,
        interval,
        marketSpec.candles,
        marketSpec.candles.closeGraceMs ?? 5_000,
      ),
    closeGraceMs: marketSpec.candles.closeGraceMs ?? 5_000,
    lingerMs: 0,
    backoff: { initialMs: 10, maxMs: 100 },
    random: () => 0.5,
    fetchCandles: (_ref, from, to) => {
      fetches.push([index(from), index(to)]);
      return stream.answer(from, to);
    },
    circuitRetryAt: () => undefined,
    resubscribe: () => actions.push('resubscribe'),
    recycle: () => actions.push('recycle'),
    onStalled: () => actions.push('onStalled'),
    onAbandoned: () => actions.push('abandoned'),
  };
  (stream as { sequencer: StreamSequencer }).sequencer = new StreamSequencer(
    { interval: '1m', emptyIntervals: marketSpec.candles.emptyIntervals },
    {
      emit: (candle, source) =>
        log.push(`${candle.closed ? 'closed' : 'open'} ${index(candle.openTime)} ${source} ${candle.close}`),
      requestGap: (from, to) => log.push(`request ${index(from)}..${index(to)}`),
      dropped: (candle, reason) => log.push(`${reason} ${index(candle.openTime)}`),
      gap: (from, to, reason) => log.push(`gap ${index(from)}..${index(to)} ${reason}`),
    },
  );
  return stream;
}

/** Lets pending promise callbacks (REST answers) run. */
export async function settle(rounds = 10): Promise<void> {
  for (let round = 0; round < rounds; round++) await Promise.resolve();
}
