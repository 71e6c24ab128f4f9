import type { BinanceSimulator } from '@ohlcv/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { BINANCE_CASES, startSimulator } from './binance-cases';
import { binanceEnv, runCli } from './run-cli';

describe('ohlcv markets binance', () => {
  const simulators: BinanceSimulator[] = [];

  afterEach(async () => {
    await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
  });

  it('prints a table of one market with native and unified symbols', async () => {
    const simulator = await startSimulator('spot');
    simulators.push(simulator);
    const result = await runCli(['markets', 'binance', '--market', 'spot'], binanceEnv('spot', simulator));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdoutLines[0]).toMatch(/^SYMBOL\s+UNIFIED\s+BASE\s+QUOTE\s+MARKET\s+STATUS$/);
    const rows = result.stdoutLines.slice(1).map((line) => line.split(/\s+/));
    expect(rows.map((row) => row[0])).toEqual([...simulator.symbols].sort());
    expect(rows).toContainEqual(['BTCUSDT', 'BTC/USDT', 'BTC', 'USDT', 'spot', 'TRADING']);
  });

  it('lists every market the venue offers when --market is not given, filtered by --search, as ndjson', async () => {
    const env: Record<string, string> = {};
    for (const { market } of BINANCE_CASES) {
      const simulator = await startSimulator(market);
      simulators.push(simulator);
      Object.assign(env, binanceEnv(market, simulator));
    }
    const result = await runCli(['markets', 'binance', '--search', 'btc', '--format', 'ndjson'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdoutLines.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        symbol: 'BTCUSDT',
        unified: 'BTC/USDT',
        base: 'BTC',
        quote: 'USDT',
        market: 'spot',
        status: 'TRADING',
      },
      {
        symbol: 'BTCUSDT',
        unified: 'BTC/USDT:USDT',
        base: 'BTC',
        quote: 'USDT',
        market: 'usdm',
        status: 'TRADING',
      },
      {
        symbol: 'BTCUSD_PERP',
        unified: 'BTC/USD:BTC',
        base: 'BTC',
        quote: 'USD',
        market: 'coinm',
        status: 'TRADING',
      },
    ]);
  });

  it('rejects an unknown --format (exit 2)', async () => {
    const result = await runCli(['markets', 'binance', '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid --format: unknown format "xml"');
  });
});
