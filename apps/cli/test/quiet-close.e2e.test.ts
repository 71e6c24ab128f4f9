/**
 * Rollover venues (Gate, Hyperliquid) have no closed flag: a candle closes when the next one starts.
 * On a quiet stream (no trades for several intervals) `ohlcv stream` must still print the last active
 * candle as closed shortly after its close time, not only when trading resumes, and print nothing
 * for the intervals without trades.
 *
 * Time: the engine in the child judges "its close time has passed" by its local (real) clock, and
 * only REST confirms — its answer is judged by the venue's clock (the simulator's virtual time, which
 * the test drives). The simulator starts a day behind real time, so the child's clock is ahead of the
 * venue's: it asks REST as soon as it sees the candle, is told "not final", and asks again with waits
 * growing from the venue's grace (Hyperliquid 2 s, Gate 5 s), up to the candle's length + grace after
 * it first saw it. The test moves the venue to just past the close and then holds its clock still: the
 * candle can only come out closed through that check, while the venue is still inside its quiet
 * period — no later trade exists yet.
 */
import type { Candle } from '@ohlcv/core';
import { describe, it } from 'vitest';
import { parseCandleLines } from './candle-lines';
import { expectVenueCandle } from './expect-venue-candle';
import { describeRun, startCli, track, waitUntil } from './run-cli';
import { caseName, OTHER_VENUE_CASES, venueEnv } from './venue-cases';

const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;

const ROLLOVER_CASES = OTHER_VENUE_CASES.filter((venueCase) => venueCase.rollover).map((venueCase) => ({
  name: caseName(venueCase),
  venueCase,
}));

describe('ohlcv stream on a quiet rollover stream', () => {
  it.concurrent.for(ROLLOVER_CASES)(
    '$name: the last active candle is printed closed shortly after its close; quiet intervals print nothing',
    { timeout: 120_000 },
    async ({ venueCase }, { expect }) => {
      const { exchange, market, symbol } = venueCase;
      const start = Math.floor((Date.now() - DAY) / MINUTE) * MINUTE;
      // Trades in [start, start+2m), none in [start+2m, start+5m), trades again from start+5m.
      const isQuiet = (openTime: number) => openTime >= start + 2 * MINUTE && openTime < start + 5 * MINUTE;
      const simulator = await venueCase.start({
        startTime: start,
        quiet: (coin, _interval, openTime) => coin === symbol && isQuiet(openTime),
      });
      try {
        const cli = startCli(
          [
            'stream',
            exchange,
            symbol,
            '--market',
            market,
            '--format',
            'ndjson',
            '--closed-only',
            '--limit',
            '4',
          ],
          venueEnv(exchange, market, simulator),
          90_000,
        );
        const state = track(cli);
        const advanceUntil = (until: number) => async (): Promise<void> => {
          if (simulator.subscriptionCount() > 0 && simulator.clock.now() < until)
            await simulator.clock.advance(10_000);
        };
        // Past the last active candle's close (start+2m) by more than the grace, then the venue's clock
        // stands still.
        const heldAt = start + 2 * MINUTE + 10_000;
        await waitUntil(() => state.exited || simulator.clock.now() >= heldAt, {
          step: advanceUntil(heldAt),
          describe: describeRun(cli),
        });
        await waitUntil(() => state.exited || cli.stdoutLines.length >= 2, {
          timeoutMs: 60_000,
          describe: describeRun(cli),
        });
        expect(simulator.clock.now(), 'the venue clock was held just past the close').toBe(heldAt);
        const beforeTradesResume = parseCandleLines(cli.stdoutLines);
        expect(beforeTradesResume.map((candle) => (candle.openTime - start) / MINUTE)).toEqual([0, 1]);

        // Trading resumes at start+5m; start+5m closes when start+6m starts, start+6m when start+7m does.
        await waitUntil(() => state.exited || cli.stdoutLines.length >= 4, {
          step: advanceUntil(start + 10 * MINUTE),
          timeoutMs: 30_000,
          describe: describeRun(cli),
        });
        const result = await cli.exited;
        expect(result.code, result.stderr).toBe(0);
        const candles: Candle[] = parseCandleLines(result.stdoutLines);
        expect(candles.map((candle) => (candle.openTime - start) / MINUTE)).toEqual([0, 1, 5, 6]);
        for (const candle of candles) {
          expect(candle).toMatchObject({ exchange, market, symbol, interval: '1m', closed: true });
          expectVenueCandle(candle, simulator.candleAt(symbol, '1m', candle.openTime));
        }
        // The intervals without trades are neither candles nor reported as missing.
        for (let openTime = start + 2 * MINUTE; openTime < start + 5 * MINUTE; openTime += MINUTE)
          expect(simulator.candleAt(symbol, '1m', openTime)).toBeUndefined();
        expect(result.stderr).not.toMatch(/unavailable/);
      } finally {
        await simulator.close();
      }
    },
  );
});
