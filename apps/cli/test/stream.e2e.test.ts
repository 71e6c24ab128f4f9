import type { BinanceSimulator } from '@ohlcv/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { BINANCE_CASES, startSimulator } from './binance-cases';
import { CANDLE_FIELDS, openTimeSteps, parseCandleLines } from './candle-lines';
import { binanceEnv, describeRun, startCli, track, waitUntil } from './run-cli';

const MINUTE = 60_000;

describe.each(BINANCE_CASES)('ohlcv stream binance ($market)', ({ market, symbol, klinesPath }) => {
  let simulator: BinanceSimulator | undefined;

  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  /** Advances virtual time by 10 s per step, only while the CLI is connected and subscribed. */
  const advanceWhileSubscribed = async (): Promise<void> => {
    if (simulator && simulator.subscriptionCount() > 0) await simulator.clock.advance(10_000);
  };

  const streamArgs = (limit: number) => [
    'stream',
    'binance',
    symbol,
    '--market',
    market,
    '--format',
    'ndjson',
    '--closed-only',
    '--limit',
    String(limit),
  ];

  it('prints 5 consecutive closed candles equal to the venue data and exits 0', async () => {
    simulator = await startSimulator(market);
    const cli = startCli(streamArgs(5), binanceEnv(market, simulator));
    const state = track(cli);
    await waitUntil(() => state.exited || cli.stdoutLines.length >= 5, {
      step: advanceWhileSubscribed,
      describe: describeRun(cli),
    });
    const result = await cli.exited;
    expect(result.code, result.stderr).toBe(0);
    const candles = parseCandleLines(result.stdoutLines);
    expect(candles).toHaveLength(5);
    expect(openTimeSteps(candles)).toEqual([MINUTE, MINUTE, MINUTE, MINUTE]);
    for (const [index, line] of result.stdoutLines.entries()) {
      const fields = Object.keys(JSON.parse(line) as object);
      expect(fields).toEqual(CANDLE_FIELDS.filter((field) => fields.includes(field)));
      expect(fields).toEqual(
        expect.arrayContaining(
          CANDLE_FIELDS.filter((field) => field !== 'quoteVolume' && field !== 'trades'),
        ),
      );
      const candle = candles[index]!;
      expect(candle).toEqual(simulator.candleAt(symbol, '1m', candle.openTime));
      expect(candle).toMatchObject({ exchange: 'binance', market, symbol, interval: '1m', closed: true });
    }
  });

  it('keeps closed candles consecutive through a dropped connection and 3 skipped pushes', async () => {
    simulator = await startSimulator(market);
    const live = simulator;
    const cli = startCli(streamArgs(8), binanceEnv(market, live));
    const state = track(cli);
    await waitUntil(() => state.exited || cli.stdoutLines.length >= 2, {
      step: advanceWhileSubscribed,
      describe: describeRun(cli),
    });
    const restBefore = live.restRequestCount(klinesPath);
    live.faults.skipPushes(3);
    live.faults.dropConnections();
    await waitUntil(() => state.exited || cli.stdoutLines.length >= 8, {
      step: advanceWhileSubscribed,
      describe: describeRun(cli),
    });
    const result = await cli.exited;
    expect(result.code, result.stderr).toBe(0);
    const candles = parseCandleLines(result.stdoutLines);
    expect(candles, result.stderr).toHaveLength(8);
    expect(openTimeSteps(candles)).toEqual(Array.from({ length: 7 }, () => MINUTE));
    for (const candle of candles) expect(candle).toEqual(live.candleAt(symbol, '1m', candle.openTime));
    // The candles whose pushes were withheld came over REST.
    expect(live.restRequestCount(klinesPath)).toBeGreaterThan(restBefore);
  });

  it('exits 1 for a symbol the venue does not list, naming it and the venue answer', async () => {
    simulator = await startSimulator(market);
    const cli = startCli(['stream', 'binance', 'NOPE123', '--market', market], binanceEnv(market, simulator));
    const result = await cli.exited;
    expect(result.code).toBe(1);
    expect(result.stdoutLines).toEqual([]);
    expect(result.stderr).toMatch(/rejected symbol "NOPE123": not listed among its \d+ instruments/);
  });

  it('reports a silent stream as stalled on stderr', async () => {
    simulator = await startSimulator(market);
    simulator.faults.stallStream({ symbol, interval: '1m' });
    const cli = startCli(
      ['stream', 'binance', symbol, '--market', market, '--stall-timeout', '150'],
      binanceEnv(market, simulator),
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
    expect(result.stderr).toContain(`stream binance:${market}:${symbol}:1m stalled`);
    expect(result.stdoutLines).toEqual([]);
  });
});
