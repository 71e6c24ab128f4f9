/** `ohlcv markets` on every venue besides Binance (markets.e2e.test.ts covers it), each market on its own simulator. */
import type { ExchangeId, MarketType } from '@ohlcv/core';
import type { VenueSimulator } from '@ohlcv/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';
import { casesOf, venueEnv } from './venue-cases';

interface SymbolRow {
  symbol: string;
  unified: string;
  base: string;
  quote: string;
  market: MarketType;
  status: string;
}

/** Per venue: one row `markets` must print for its first case's symbol. */
const VENUES: Array<{ exchange: ExchangeId; expected: SymbolRow }> = [
  {
    exchange: 'okx',
    expected: {
      symbol: 'BTC-USDT',
      unified: 'BTC/USDT',
      base: 'BTC',
      quote: 'USDT',
      market: 'spot',
      status: 'live',
    },
  },
  {
    exchange: 'bybit',
    expected: {
      symbol: 'BTCUSDT',
      unified: 'BTC/USDT',
      base: 'BTC',
      quote: 'USDT',
      market: 'spot',
      status: 'Trading',
    },
  },
  {
    exchange: 'gateio',
    expected: {
      symbol: 'BTC_USDT',
      unified: 'BTC/USDT',
      base: 'BTC',
      quote: 'USDT',
      market: 'spot',
      status: 'tradable',
    },
  },
  {
    exchange: 'hyperliquid',
    expected: {
      symbol: 'BTC',
      unified: 'BTC/USDC:USDC',
      base: 'BTC',
      quote: 'USDC',
      market: 'usdm',
      status: 'listed',
    },
  },
];

describe.each(VENUES)('ohlcv markets $exchange', ({ exchange, expected }) => {
  const simulators = new Map<MarketType, VenueSimulator>();
  const env: Record<string, string> = {};

  beforeAll(async () => {
    for (const venueCase of casesOf(exchange)) {
      const simulator = await venueCase.start();
      simulators.set(venueCase.market, simulator);
      Object.assign(env, venueEnv(exchange, venueCase.market, simulator));
    }
  });

  afterAll(async () => {
    await Promise.all([...simulators.values()].map((simulator) => simulator.close()));
  });

  it('lists every market the venue offers as ndjson, each with the symbols the venue lists', async () => {
    const result = await runCli(['markets', exchange, '--format', 'ndjson'], env);
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdoutLines.map((line) => JSON.parse(line) as SymbolRow);
    expect(new Set(rows.map((row) => row.market))).toEqual(new Set(simulators.keys()));
    for (const [market, simulator] of simulators) {
      const listed = rows.filter((row) => row.market === market).map((row) => row.symbol);
      expect(listed, market).toEqual(expect.arrayContaining([...simulator.symbols]));
      expect(new Set(listed).size, `${market}: no duplicates`).toBe(listed.length);
    }
    expect(rows).toContainEqual(expected);
  });

  it('prints a table of one market, filtered by --search', async () => {
    const result = await runCli(
      ['markets', exchange, '--market', expected.market, '--search', expected.base.toLowerCase()],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdoutLines[0]).toMatch(/^SYMBOL\s+UNIFIED\s+BASE\s+QUOTE\s+MARKET\s+STATUS$/);
    const rows = result.stdoutLines.slice(1).map((line) => line.split(/\s+/));
    expect(rows).toContainEqual([
      expected.symbol,
      expected.unified,
      expected.base,
      expected.quote,
      expected.market,
      expected.status,
    ]);
    for (const row of rows) {
      expect(row[4]).toBe(expected.market);
      expect(row.slice(0, 4).join(' ').toLowerCase()).toContain(expected.base.toLowerCase());
    }
  });
});

describe('ohlcv markets hyperliquid --market coinm', () => {
  it('is refused: the venue has no coin-margined market (exit 2)', async () => {
    const result = await runCli(['markets', 'hyperliquid', '--market', 'coinm']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/hyperliquid.*coinm/);
  });
});
