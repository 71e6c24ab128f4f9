/**
 * `ohlcv stream` with several symbols of which one is bad: the good streams keep delivering, the bad
 * one is named on stderr, and the CLI exits 1 once the limit is reached.
 */
import type { Candle } from '@ohlcv/core';
import { startBybitSimulator, startHyperliquidSimulator, type VenueSimulator } from '@ohlcv/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { openTimeSteps, parseCandleLines } from './candle-lines';
import { expectVenueCandle } from './expect-venue-candle';
import { type CliResult, describeRun, startCli, track, waitUntil } from './run-cli';
import { venueEnv } from './venue-cases';

const MINUTE = 60_000;

let simulator: VenueSimulator | undefined;

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

/** Runs `ohlcv stream` to its limit, advancing virtual time 10 s per step while the CLI is subscribed. */
async function streamToLimit(
  venue: VenueSimulator,
  args: readonly string[],
  env: Record<string, string>,
  limit: number,
): Promise<CliResult> {
  const cli = startCli([...args, '--format', 'ndjson', '--closed-only', '--limit', String(limit)], env);
  const state = track(cli);
  await waitUntil(() => state.exited || cli.stdoutLines.length >= limit, {
    step: async () => {
      if (venue.subscriptionCount() > 0) await venue.clock.advance(10_000);
    },
    timeoutMs: 30_000,
    describe: describeRun(cli),
  });
  return cli.exited;
}

/** Each good symbol delivered consecutive closed candles with the venue's values; no other symbol did. */
function expectGoodStreams(venue: VenueSimulator, candles: readonly Candle[], good: readonly string[]): void {
  expect(new Set(candles.map((candle) => candle.symbol))).toEqual(new Set(good));
  for (const symbol of good) {
    const own = candles.filter((candle) => candle.symbol === symbol);
    expect(new Set(openTimeSteps(own)), symbol).toEqual(own.length > 1 ? new Set([MINUTE]) : new Set());
    for (const candle of own) expectVenueCandle(candle, venue.candleAt(symbol, '1m', candle.openTime));
  }
}

describe('ohlcv stream with one bad symbol among good ones', { timeout: 60_000 }, () => {
  it('hyperliquid BTC NOPE ETH: BTC and ETH candles flow, NOPE is named on stderr, exit 1', async () => {
    simulator = await startHyperliquidSimulator({ market: 'usdm', pushCadenceMs: 20_000 });
    const result = await streamToLimit(
      simulator,
      ['stream', 'hyperliquid', 'BTC', 'NOPE', 'ETH', '--market', 'usdm'],
      venueEnv('hyperliquid', 'usdm', simulator),
      6,
    );
    expect(result.code, result.stderr).toBe(1);
    const candles = parseCandleLines(result.stdoutLines);
    expect(candles).toHaveLength(6);
    expectGoodStreams(simulator, candles, ['BTC', 'ETH']);
    expect(result.stderr).toMatch(/rejected symbol "NOPE"/);
  });

  it('bybit usdm: a topic the venue refuses in the same frame does not starve the good ones (exit 1)', async () => {
    // LUNAUSDT is listed by instruments-info (so the CLI accepts it) but refused on the socket, and
    // Bybit refuses the whole subscribe frame that carries it.
    simulator = await startBybitSimulator({
      market: 'usdm',
      cadenceMs: 20_000,
      delistedSymbols: ['LUNAUSDT'],
    });
    const good = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
    const result = await streamToLimit(
      simulator,
      ['stream', 'bybit', 'BTCUSDT', 'ETHUSDT', 'LUNAUSDT', 'SOLUSDT', '--market', 'usdm'],
      venueEnv('bybit', 'usdm', simulator),
      9,
    );
    expect(result.code, result.stderr).toBe(1);
    const candles = parseCandleLines(result.stdoutLines);
    expect(candles).toHaveLength(9);
    expectGoodStreams(simulator, candles, good);
    expect(result.stderr).toContain('LUNAUSDT');
    expect(result.stderr).toContain('Invalid symbol :[kline.1.LUNAUSDT]');
    // The refusal hit a frame that also carried good topics, which the engine then sent again.
    expect(result.stderr).toContain('re-subscribing the other streams of a rejected request');
  });
});
