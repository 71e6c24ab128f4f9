import { type Candle, createFeed, type Feed, type FeedEvent, type Interval } from '@ohlcv/core';
import { DEFAULT_START_TIME, type HyperliquidSimulator, startHyperliquidSimulator } from '@ohlcv/testkit';
import { engineClockOf } from '@ohlcv/testkit/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import { hyperliquid } from './index';

const MINUTE = 60_000;
const S = DEFAULT_START_TIME;
/** The adapter's grace after a quiet candle's close before REST is asked (market-specs.ts). */
const GRACE_MS = 2_000;

/** Events with the venue's (virtual) time at which the engine delivered them. */
class TimedRecorder {
  readonly events: Array<{ event: FeedEvent; venueTime: number }> = [];
  constructor(private readonly simulator: HyperliquidSimulator) {}
  readonly onEvent = (event: FeedEvent): void => {
    this.events.push({ event, venueTime: this.simulator.clock.now() });
  };
  closed(): Array<{ candle: Candle; source: 'live' | 'rest'; venueTime: number }> {
    const out: Array<{ candle: Candle; source: 'live' | 'rest'; venueTime: number }> = [];
    for (const { event, venueTime } of this.events) {
      if (event.type === 'candle' && event.candle.closed)
        out.push({ candle: event.candle, source: event.source, venueTime });
    }
    return out;
  }
}

/** Advances virtual time in small steps (giving sockets real time to deliver) until `done()` or `untilTime`. */
async function drive(
  simulator: HyperliquidSimulator,
  options: { until: number; done?: () => boolean; stepMs?: number },
): Promise<void> {
  const step = options.stepMs ?? 1_000;
  const deadline = Date.now() + 20_000;
  while (simulator.clock.now() < options.until && !options.done?.()) {
    if (Date.now() > deadline) throw new Error('drive: out of real time');
    await simulator.clock.advance(step);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('hyperliquid through the engine: a quiet candle is closed from REST after its close + grace', () => {
  let simulator: HyperliquidSimulator | undefined;
  let feed: Feed | undefined;
  afterEach(async () => {
    await feed?.close();
    await simulator?.close();
    feed = undefined;
    simulator = undefined;
  });

  /** BTC trades in [S, S+2m), is quiet for [S+2m, S+5m), trades again from S+5m. */
  const quiet = (coin: string, _interval: Interval, openTime: number): boolean =>
    coin === 'BTC' && openTime >= S + 2 * MINUTE && openTime < S + 5 * MINUTE;

  async function setUp(skewMs = 0): Promise<{ simulator: HyperliquidSimulator; feed: Feed }> {
    const started = await startHyperliquidSimulator({ market: 'usdm', quiet });
    simulator = started;
    feed = createFeed({
      adapters: [hyperliquid],
      endpoints: { hyperliquid: { usdm: { ws: simulator.wsBase, rest: simulator.restBase } } },
      clock: engineClockOf(simulator, skewMs),
      backoff: { initialMs: 20, maxMs: 200 },
    });
    return { simulator, feed };
  }

  // The main case (the last active candle closed from REST shortly after close + grace, nothing for
  // the quiet intervals, then in order) and a local clock 30 s ahead are the conformance suite's
  // quiet-candle tests (@ohlcv/testkit quiet-close-suite.ts), run for every rollover venue market;
  // these are the late-subscribe and clock-behind cases on this venue.
  it('closes the quiet candle shortly after its end even when first seen late in its interval', async () => {
    const { simulator, feed } = await setUp();
    await simulator.clock.advance(MINUTE + 50_000);
    const btc = new TimedRecorder(simulator);
    feed.subscribe('hyperliquid:usdm:BTC:1m', { onEvent: btc.onEvent });
    await drive(simulator, {
      until: S + 5 * MINUTE - 1_000,
      done: () => btc.closed().some(({ candle }) => candle.openTime === S + MINUTE),
    });
    const lastActive = btc.closed().find(({ candle }) => candle.openTime === S + MINUTE);
    expect(lastActive, 'the candle seen 10 s before its end was emitted closed').toBeDefined();
    expect(lastActive?.venueTime).toBeGreaterThan(S + 2 * MINUTE - 1);
    expect(lastActive?.venueTime, 'not a whole interval late').toBeLessThanOrEqual(
      S + 2 * MINUTE + GRACE_MS + 3_000,
    );
  });

  it('a local clock running 30 s behind the venue still closes the quiet candle', async () => {
    const { simulator, feed } = await setUp(-30_000);
    const btc = new TimedRecorder(simulator);
    feed.subscribe('hyperliquid:usdm:BTC:1m', { onEvent: btc.onEvent });
    await drive(simulator, {
      until: S + 5 * MINUTE - 1_000,
      done: () => btc.closed().some(({ candle }) => candle.openTime === S + MINUTE),
    });
    const lastActive = btc.closed().find(({ candle }) => candle.openTime === S + MINUTE);
    expect(lastActive, 'closed before trades resumed').toBeDefined();
    expect(lastActive?.venueTime).toBeGreaterThan(S + 2 * MINUTE - 1);
  });
});
