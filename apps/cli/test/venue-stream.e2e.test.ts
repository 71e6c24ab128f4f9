/**
 * `ohlcv stream` on every venue-market besides Binance (stream.e2e.test.ts covers it), one simulator
 * per venue-market shared by its tests: consecutive closed candles with the venue's values, a gap
 * over an outage that spans candle boundaries filled from REST, an unknown symbol, a stalled stream.
 */
import type { VenueSimulator } from '@ohlcv/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANDLE_FIELDS, openTimeSteps, parseCandleLines } from './candle-lines';
import { expectVenueCandle } from './expect-venue-candle';
import { describeRun, startCli, track, waitUntil } from './run-cli';
import { candleRequests, OTHER_VENUE_CASES, venueEnv } from './venue-cases';

const MINUTE = 60_000;

describe.each(OTHER_VENUE_CASES)('ohlcv stream $exchange ($market)', (venueCase) => {
  const { exchange, market, symbol, unknownSymbol } = venueCase;
  let simulator: VenueSimulator;
  let env: Record<string, string>;

  beforeAll(async () => {
    simulator = await venueCase.start();
    env = venueEnv(exchange, market, simulator);
  });

  afterAll(async () => {
    await simulator.close();
  });

  /** Advances virtual time by 10 s per step, only while the CLI is connected and subscribed. */
  const advanceWhileSubscribed = async (): Promise<void> => {
    if (simulator.subscriptionCount() > 0) await simulator.clock.advance(10_000);
  };

  const streamArgs = (limit: number) => [
    'stream',
    exchange,
    symbol,
    '--market',
    market,
    '--format',
    'ndjson',
    '--closed-only',
    '--limit',
    String(limit),
  ];

  it('prints consecutive closed candles equal to the venue data and exits 0', async () => {
    const cli = startCli(streamArgs(3), env);
    const state = track(cli);
    await waitUntil(() => state.exited || cli.stdoutLines.length >= 3, {
      step: advanceWhileSubscribed,
      describe: describeRun(cli),
    });
    const result = await cli.exited;
    expect(result.code, result.stderr).toBe(0);
    const candles = parseCandleLines(result.stdoutLines);
    expect(candles).toHaveLength(3);
    expect(openTimeSteps(candles)).toEqual([MINUTE, MINUTE]);
    for (const [index, line] of result.stdoutLines.entries()) {
      const fields = Object.keys(JSON.parse(line) as object);
      expect(fields).toEqual(CANDLE_FIELDS.filter((field) => fields.includes(field)));
      const candle = candles[index]!;
      expect(candle).toMatchObject({ exchange, market, symbol, interval: '1m', closed: true });
      expectVenueCandle(candle, simulator.candleAt(symbol, '1m', candle.openTime));
    }
  });

  it('fills the gap of an outage over candle boundaries (silence, drop, 3 skipped pushes) from REST', {
    timeout: 60_000,
  }, async () => {
    const cli = startCli(streamArgs(6), env);
    const state = track(cli);
    await waitUntil(() => state.exited || cli.stdoutLines.length >= 2, {
      step: advanceWhileSubscribed,
      describe: describeRun(cli),
    });
    const restBefore = candleRequests(venueCase, simulator);
    // Two and a half candles pass in silence: they close with nothing pushed, then the socket drops.
    simulator.faults.silence();
    await simulator.clock.advance(2.5 * MINUTE);
    simulator.faults.dropConnections();
    simulator.faults.resume();
    simulator.faults.skipPushes(3);
    await waitUntil(() => state.exited || cli.stdoutLines.length >= 6, {
      step: advanceWhileSubscribed,
      timeoutMs: 45_000,
      describe: describeRun(cli),
    });
    const result = await cli.exited;
    expect(result.code, result.stderr).toBe(0);
    const candles = parseCandleLines(result.stdoutLines);
    expect(candles, result.stderr).toHaveLength(6);
    expect(openTimeSteps(candles)).toEqual(Array.from({ length: 5 }, () => MINUTE));
    for (const candle of candles)
      expectVenueCandle(candle, simulator.candleAt(symbol, '1m', candle.openTime));
    // The candles that closed in the silence were never pushed: they came over REST.
    expect(candleRequests(venueCase, simulator)).toBeGreaterThan(restBefore);
  });

  it('exits 1 for a symbol the venue does not list, naming it', async () => {
    const result = await startCli(['stream', exchange, unknownSymbol, '--market', market], env).exited;
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdoutLines).toEqual([]);
    expect(result.stderr).toContain(unknownSymbol);
    expect(result.stderr).toMatch(/rejected symbol/);
  });

  it('reports a silent stream as stalled on stderr', async () => {
    const stream = { symbol, interval: '1m' as const };
    simulator.faults.stallStream(stream);
    try {
      const cli = startCli(
        ['stream', exchange, symbol, '--market', market, '--closed-only', '--stall-timeout', '150'],
        env,
      );
      const state = track(cli);
      await waitUntil(() => state.exited || /stalled/.test(cli.stderr()), {
        step: advanceWhileSubscribed,
        describe: describeRun(cli),
      });
      expect(state.exited, describeRun(cli)()).toBe(false);
      cli.child.kill('SIGINT');
      const result = await cli.exited;
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(`stream ${exchange}:${market}:${symbol}:1m stalled`);
      expect(result.stdoutLines).toEqual([]);
    } finally {
      simulator.faults.unstallStream(stream);
    }
  });
});
