import { alignOpenTime, type Candle, type FeedEvent, intervalMs } from '@ohlcv/core';
import { expect, it } from 'vitest';
import { expectSameCandle } from './candle-checks';
import type { SuiteContext } from './conformance-harness';
import { driveUntil } from './drive';
import { type RecordingHttp, recordingHttp } from './recording-http';

/** The engine's default grace after a quiet candle's close before REST is asked (FeedOptions.closeGraceMs). */
const DEFAULT_CLOSE_GRACE_MS = 5_000;
/** Slack on top of the grace: the test's 2 s steps of virtual time (time stands still during REST). */
const SLACK_MS = 4_000;

/**
 * Venues without a reliable closed flag (`closeDetection: 'rollover'`): a candle is closed when the
 * next one starts — so a stream that goes quiet (no trades, no candle) must still get its last
 * active candle closed, shortly after its close time, confirmed over REST, with the venue's values.
 */
export function describeQuietCloseTests(context: SuiteContext): void {
  const { options, market, interval, setUp, stream } = context;
  const spec = options.adapter.markets[market];
  if (spec?.candles.closeDetection !== 'rollover') return;
  const step = intervalMs(interval);
  const grace = spec.candles.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS;

  /**
   * The first symbol trades for two intervals, is quiet for three, then trades again; subscribed
   * through an engine on the venue's virtual time (ahead of it by `skewMs`).
   */
  async function quietStream(skewMs: number) {
    let quietSymbol: string | undefined;
    let start = 0;
    const isQuiet = (symbol: string, at: typeof interval, openTime: number) =>
      symbol === quietSymbol &&
      at === interval &&
      openTime >= start + 2 * step &&
      openTime < start + 5 * step;
    let recording: RecordingHttp | undefined;
    const { simulator, feed, first } = await setUp({
      virtualClock: true,
      clockSkewMs: skewMs,
      simulator: { quiet: isQuiet },
      http: (venue) => {
        recording = recordingHttp(() => venue.clock.now());
        return recording.http;
      },
    });
    quietSymbol = first;
    start = alignOpenTime(interval, simulator.clock.now());
    expect(
      simulator.candleAt(first, interval, start + 3 * step),
      'the simulator honours `quiet` (pass it from startSimulator)',
    ).toBeUndefined();

    const events: Array<{ event: FeedEvent; venueTime: number }> = [];
    feed.subscribe(stream(first), {
      onEvent: (event) => events.push({ event, venueTime: simulator.clock.now() }),
    });
    const closed = (): Array<{ candle: Candle; venueTime: number }> =>
      events.flatMap(({ event, venueTime }) =>
        event.type === 'candle' && event.candle.closed ? [{ candle: event.candle, venueTime }] : [],
      );
    const closedAt = (openTime: number) => closed().find(({ candle }) => candle.openTime === openTime);
    const drive = (done: () => boolean, what: string) =>
      // Virtual time stands still while the engine waits on REST, so "how soon after the close" is
      // measured in the venue's time whatever the machine's load.
      driveUntil(simulator, done, {
        stepMs: 2_000,
        pauseMs: 10,
        what,
        timeoutMs: 40_000,
        holdWhile: () => (recording?.inFlight() ?? 0) > 0,
      });

    return { simulator, first, start, events, closed, closedAt, drive, isQuiet, recording: recording! };
  }

  it('closes the last active candle of a quiet stream shortly after its close, nothing for the quiet intervals, then goes on in order', async () => {
    const { simulator, first, start, events, closed, closedAt, drive, isQuiet } = await quietStream(0);
    await drive(
      () => closedAt(start + step) !== undefined || simulator.clock.now() >= start + 5 * step,
      'the last active candle',
    );
    const lastActive = closedAt(start + step);
    expect(lastActive, 'the last active candle was emitted closed before trades resumed').toBeDefined();
    expect(lastActive!.venueTime, 'after its close').toBeGreaterThan(start + 2 * step - 1);
    expect(lastActive!.venueTime, 'shortly after its close + grace').toBeLessThanOrEqual(
      start + 2 * step + grace + SLACK_MS,
    );

    await drive(() => closedAt(start + 6 * step) !== undefined, 'the candle after the quiet intervals');
    expect(closed().map(({ candle }) => (candle.openTime - start) / step)).toEqual([0, 1, 5, 6]);
    for (const { candle, venueTime } of closed()) {
      expect(venueTime, `${new Date(candle.openTime).toISOString()} emitted after its close`).toBeGreaterThan(
        candle.closeTime,
      );
      expectSameCandle(candle, simulator.candleAt(first, interval, candle.openTime));
    }
    const kinds = events.map(({ event }) => event.type);
    expect(
      kinds.filter((kind) => kind === 'gap' || kind === 'error'),
      'quiet intervals are not gaps',
    ).toEqual([]);
    for (const { event } of events) {
      if (event.type === 'candle') expect(isQuiet(first, interval, event.candle.openTime)).toBe(false);
    }
  });

  it('with a local clock 30 s ahead of the venue, never emits an unfinished candle as closed: REST is asked, and believed', async () => {
    const { simulator, first, start, closed, closedAt, drive, recording } = await quietStream(30_000);
    await drive(
      () => closedAt(start + step) !== undefined || simulator.clock.now() >= start + 5 * step,
      'the last active candle',
    );
    expect(closed().map(({ candle }) => (candle.openTime - start) / step)).toEqual([0, 1]);
    for (const { candle, venueTime } of closed()) {
      expect(venueTime, 'emitted after its close (venue time)').toBeGreaterThan(candle.closeTime);
      expectSameCandle(candle, simulator.candleAt(first, interval, candle.openTime));
    }
    // The engine's clock said the candle was over while the venue's did not: it asked, REST said open.
    const askedWhileOpen = recording.exchanges.filter(
      (exchange) => exchange.sentAt > start + step && exchange.sentAt < start + 2 * step,
    );
    expect(askedWhileOpen.length, 'a REST check while the candle was still open').toBeGreaterThan(0);
  });
}
