/**
 * `ohlcv history` on every venue-market besides Binance (history.e2e.test.ts covers it): a 3-day 1m
 * download; on Bybit and Gate a resumed download and a run through injected 429s; on Gate,
 * Hyperliquid and OKX a range that starts before the venue's history.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Candle } from '@ohlcv/core';
import { DEFAULT_START_TIME, startOkxSimulator, type VenueSimulator } from '@ohlcv/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCandleLine } from '../src/history/candle-line';
import { openTimeSteps, parseCandleLines } from './candle-lines';
import { expectVenueCandle } from './expect-venue-candle';
import { runCli } from './run-cli';
import { candleRequests, casesOf, OTHER_VENUE_CASES, type VenueCase, venueEnv } from './venue-cases';

const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;
const START = DEFAULT_START_TIME;
const iso = (ms: number) => new Date(ms).toISOString();
/** A download paced by the venue's REST budget (OKX: 100 candles per request, 20 requests per 2 s). */
const SLOW = { timeout: 90_000 };
const THREE_DAYS = ['--from', iso(START - 3 * DAY), '--to', iso(START)];

let simulator: VenueSimulator | undefined;
let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'ohlcv-venue-history-'));
});

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
  rmSync(directory, { recursive: true, force: true });
});

/** 4320 consecutive 1m candles from START - 3 days, each equal to the venue's data. */
function expectThreeDays(candles: readonly Candle[], venue: VenueSimulator, symbol: string): void {
  expect(candles).toHaveLength(4_320);
  expect(candles[0]?.openTime).toBe(START - 3 * DAY);
  expect(candles.at(-1)?.openTime).toBe(START - MINUTE);
  expect(new Set(openTimeSteps(candles))).toEqual(new Set([MINUTE]));
  for (const candle of candles) expectVenueCandle(candle, venue.candleAt(symbol, '1m', candle.openTime));
}

function historyArgs(venueCase: VenueCase, ...rest: string[]): string[] {
  return ['history', venueCase.exchange, venueCase.symbol, '--market', venueCase.market, ...rest];
}

function caseOf(exchange: VenueCase['exchange'], market: VenueCase['market']): VenueCase {
  const found = casesOf(exchange).find((venueCase) => venueCase.market === market);
  if (!found) throw new Error(`no case for ${exchange} ${market}`);
  return found;
}

describe.each(OTHER_VENUE_CASES)('ohlcv history $exchange ($market)', (venueCase) => {
  it(
    'downloads 3 days of 1m candles to stdout: 4320, in order, unique, equal to the venue',
    SLOW,
    async () => {
      simulator = await venueCase.start();
      const result = await runCli(
        historyArgs(venueCase, ...THREE_DAYS),
        venueEnv(venueCase.exchange, venueCase.market, simulator),
        60_000,
      );
      expect(result.code, result.stderr).toBe(0);
      expectThreeDays(parseCandleLines(result.stdoutLines), simulator, venueCase.symbol);
    },
  );
});

describe.each([{ venueCase: caseOf('bybit', 'usdm') }, { venueCase: caseOf('gateio', 'spot') }])(
  'ohlcv history $venueCase.exchange ($venueCase.market): resume',
  ({ venueCase }) => {
    it('resumes an interrupted csv download after its last complete candle', SLOW, async () => {
      const venue = await venueCase.start();
      simulator = venue;
      const env = venueEnv(venueCase.exchange, venueCase.market, venue);
      const out = join(directory, 'candles.csv');
      const first = await runCli(
        historyArgs(venueCase, '--from', iso(START - 3 * DAY), '--to', iso(START - DAY), '--out', out),
        env,
      );
      expect(first.code, first.stderr).toBe(0);
      // An interrupted write leaves half a line behind.
      appendFileSync(out, `${venueCase.exchange},${venueCase.market},${venueCase.symbol},1m,17671`);
      const requestsBefore = candleRequests(venueCase, venue);
      const resumed = await runCli(historyArgs(venueCase, ...THREE_DAYS, '--out', out, '--resume'), env);
      expect(resumed.code, resumed.stderr).toBe(0);
      const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
      expect(lines[0]).toMatch(/^exchange,market,symbol,interval,openTime,/);
      expectThreeDays(
        lines.slice(1).map((line) => parseCandleLine(line, 'csv')),
        venue,
        venueCase.symbol,
      );
      // Only the missing day was fetched: 1440 candles fit in 2 requests of up to 1000.
      expect(candleRequests(venueCase, venue) - requestsBefore).toBe(2);
    });
  },
);

// Gate's 429 asks to wait for its 10 s (real time) window to reset: too slow to run here as well.
describe.each([{ venueCase: caseOf('bybit', 'usdm') }, { venueCase: caseOf('okx', 'spot') }])(
  'ohlcv history $venueCase.exchange ($venueCase.market): rate limits',
  ({ venueCase }) => {
    it('finishes correctly through injected 429s', SLOW, async () => {
      const venue = await venueCase.start();
      simulator = venue;
      venue.faults.httpErrors(429, 3);
      const result = await runCli(
        historyArgs(venueCase, ...THREE_DAYS),
        venueEnv(venueCase.exchange, venueCase.market, venue),
        60_000,
      );
      expect(result.code, result.stderr).toBe(0);
      expectThreeDays(parseCandleLines(result.stdoutLines), venue, venueCase.symbol);
      expect(result.stderr).toMatch(/HTTP 429/);
    });
  },
);

describe('ohlcv history before the venue history names the first available candle (exit 1)', () => {
  // Gate refuses a range older than its 10,000 points ("Candlestick too long ago"); the adapter
  // names the first available candle from the venue's clock (its Date header).
  it('gateio spot keeps 10,000 points back from now: the refusal names the first available candle', async () => {
    const venueCase = caseOf('gateio', 'spot');
    simulator = await venueCase.start();
    const result = await runCli(
      historyArgs(venueCase, '--from', iso(START - 10 * DAY), '--to', iso(START)),
      venueEnv('gateio', 'spot', simulator),
    );
    expect(result.code).toBe(1);
    expect(result.stdoutLines).toEqual([]);
    expect(result.stderr).toContain('Gate keeps the last 10,000 candles');
    expect(result.stderr).toContain(`first available candle opens at ${iso(START - 9_999 * MINUTE)}`);
  });

  it('hyperliquid usdm keeps 5,000 candles', async () => {
    const venueCase = caseOf('hyperliquid', 'usdm');
    simulator = await venueCase.start();
    const result = await runCli(
      historyArgs(venueCase, '--from', iso(START - 10 * DAY), '--to', iso(START)),
      venueEnv('hyperliquid', 'usdm', simulator),
    );
    expect(result.code).toBe(1);
    expect(result.stdoutLines).toEqual([]);
    expect(result.stderr).toContain(
      `first available candle opens at ${iso(START - 4_999 * MINUTE)} (it keeps 5000 candles)`,
    );
  });

  it('hyperliquid usdm: a start just beyond its 5,000 candles is not truncated silently', async () => {
    const venueCase = caseOf('hyperliquid', 'usdm');
    simulator = await venueCase.start();
    const result = await runCli(
      historyArgs(venueCase, '--from', iso(START - 4 * DAY), '--to', iso(START)),
      venueEnv('hyperliquid', 'usdm', simulator),
    );
    expect(result.code).toBe(1);
    expect(result.stdoutLines).toEqual([]);
    expect(result.stderr).toContain(`first available candle opens at ${iso(START - 4_999 * MINUTE)}`);
  });

  it('okx usdm starts its history at the listing', async () => {
    const historyStart = START - 2 * DAY;
    simulator = await startOkxSimulator({ market: 'usdm', historyStart });
    const result = await runCli(
      historyArgs(caseOf('okx', 'usdm'), ...THREE_DAYS),
      venueEnv('okx', 'usdm', simulator),
    );
    expect(result.code).toBe(1);
    expect(result.stdoutLines).toEqual([]);
    expect(result.stderr).toContain(`first available candle opens at ${iso(historyStart)}`);
  });
});
