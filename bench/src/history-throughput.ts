import {
  type Candle,
  type CandlesQuery,
  candleWindows,
  createFeed,
  type MarketSpec,
  type MarketType,
  type VenueAdapter,
} from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';
import { bybit } from '@ohlcv/exchange-bybit';
import { gateio } from '@ohlcv/exchange-gateio';
import { hyperliquid } from '@ohlcv/exchange-hyperliquid';
import { okx } from '@ohlcv/exchange-okx';
import { startSimulatedVenue, type VenueSimulator } from '@ohlcv/testkit';
import { formatRate } from './measure';

const DAY = 86_400_000;
const UNLIMITED = 1_000_000_000;

interface Case {
  adapter: VenueAdapter;
  market: MarketType;
  /** The simulator with its own REST rate limits lifted: the engine's pacing is what is measured. */
  start(): Promise<VenueSimulator>;
  days: number;
}

const CASES: Case[] = [
  {
    adapter: binance,
    market: 'spot',
    days: 3,
    start: () => startSimulatedVenue('binance:spot', { unlimitedRest: true }),
  },
  {
    adapter: binance,
    market: 'usdm',
    days: 3,
    start: () => startSimulatedVenue('binance:usdm', { unlimitedRest: true }),
  },
  {
    adapter: binance,
    market: 'coinm',
    days: 3,
    start: () => startSimulatedVenue('binance:coinm', { unlimitedRest: true }),
  },
  {
    adapter: okx,
    market: 'spot',
    days: 3,
    start: () => startSimulatedVenue('okx:spot', { unlimitedRest: true }),
  },
  {
    adapter: bybit,
    market: 'usdm',
    days: 3,
    start: () => startSimulatedVenue('bybit:usdm', { unlimitedRest: true }),
  },
  {
    adapter: gateio,
    market: 'spot',
    days: 3,
    start: () => startSimulatedVenue('gateio:spot', { unlimitedRest: true }),
  },
  {
    adapter: gateio,
    market: 'usdm',
    days: 3,
    start: () => startSimulatedVenue('gateio:usdm', { unlimitedRest: true }),
  },
  // Hyperliquid keeps only the most recent 5000 candles: 3 days of 1m fit.
  {
    adapter: hyperliquid,
    market: 'usdm',
    days: 3,
    start: () => startSimulatedVenue('hyperliquid:usdm', { unlimitedRest: true }),
  },
];

/** The adapter with its REST budget lifted, to measure the engine rather than the venue's limit. */
function unpaced(adapter: VenueAdapter): VenueAdapter {
  const markets: Partial<Record<MarketType, MarketSpec | undefined>> = {};
  for (const [market, spec] of Object.entries(adapter.markets) as Array<
    [MarketType, MarketSpec | undefined]
  >) {
    markets[market] = spec && {
      ...spec,
      rest: { ...spec.rest, rateLimit: { weight: UNLIMITED, perMs: 1_000 } },
    };
  }
  return Object.assign(Object.create(adapter) as VenueAdapter, { markets });
}

async function engineRun(
  adapter: VenueAdapter,
  market: MarketType,
  simulator: VenueSimulator,
  from: number,
  to: number,
) {
  const feed = createFeed({
    adapters: [adapter],
    endpoints: { [adapter.id]: { [market]: { ws: simulator.wsBase, rest: simulator.restBase } } },
  });
  const symbol = simulator.symbols[0] as string;
  await feed.symbols(adapter.id, market); // instrument list cached before timing
  const started = performance.now();
  const candles = await feed.history({ exchange: adapter.id, market, symbol, interval: '1m', from, to });
  const seconds = (performance.now() - started) / 1000;
  await feed.close();
  return { candles: candles.length, seconds };
}

/** Baseline: the same windows fetched one after another with bare fetch + the adapter's parser. */
async function bareRun(
  adapter: VenueAdapter,
  market: MarketType,
  simulator: VenueSimulator,
  from: number,
  to: number,
) {
  const spec = adapter.markets[market] as MarketSpec;
  const symbol = simulator.symbols[0] as string;
  const instruments = new Map();
  const symbolsRequest = adapter.symbolsRequest(market, simulator.restBase);
  const symbolsResponse = await fetch(symbolsRequest.url, {
    method: symbolsRequest.method,
    ...(symbolsRequest.headers ? { headers: symbolsRequest.headers } : {}),
    ...(symbolsRequest.body === undefined ? {} : { body: symbolsRequest.body }),
  });
  const { symbols } = adapter.parseSymbols(market, {
    url: '',
    status: symbolsResponse.status,
    headers: {},
    body: await symbolsResponse.text(),
  });
  for (const info of symbols) instruments.set(info.symbol, info);
  const started = performance.now();
  let count = 0;
  for (const window of candleWindows(
    '1m',
    from,
    to - 60_000,
    spec.rest.maxCandlesPerRequest,
    spec.rest.maxSpanMs,
  )) {
    const query: CandlesQuery = { symbol, interval: '1m', ...window };
    const request = adapter.candlesRequest(market, simulator.restBase, query, Date.now());
    const response = await fetch(request.url, {
      method: request.method,
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const rows: Candle[] = adapter.parseCandles(
      market,
      query,
      { url: request.url, status: response.status, headers, body: await response.text() },
      instruments,
    );
    count += rows.length;
  }
  return { candles: count, seconds: (performance.now() - started) / 1000 };
}

export interface HistoryRow {
  venue: string;
  candles: number;
  /** Candles per second the adapter's REST budget allows over a long download (full requests). */
  allowed: number;
  /** Weight the download spends, and the budget's weight per window. */
  weight: number;
  budget: { weight: number; perMs: number };
  paced: number;
  engine: number;
  baseline: number;
}

export async function benchHistory(): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for (const item of CASES) {
    const simulator = await item.start();
    const to = simulator.clock.now();
    const from = to - item.days * DAY;
    try {
      const paced = await engineRun(item.adapter, item.market, simulator, from, to);
      const engine = await engineRun(unpaced(item.adapter), item.market, simulator, from, to);
      const baseline = await bareRun(item.adapter, item.market, simulator, from, to);
      const spec = item.adapter.markets[item.market] as MarketSpec;
      const windows = [
        ...candleWindows('1m', from, to - 60_000, spec.rest.maxCandlesPerRequest, spec.rest.maxSpanMs),
      ];
      const symbol = simulator.symbols[0] as string;
      const weightOf = (window: (typeof windows)[number]): number =>
        item.adapter.candlesRequest(
          item.market,
          simulator.restBase,
          { symbol, interval: '1m', ...window },
          Date.now(),
        ).weight ?? 1;
      const first = windows[0] as (typeof windows)[number];
      const budget = spec.rest.rateLimit;
      rows.push({
        venue: `${item.adapter.id} ${item.market}`,
        candles: paced.candles,
        allowed: (budget.weight / weightOf(first)) * spec.rest.maxCandlesPerRequest * (1000 / budget.perMs),
        weight: windows.reduce((sum, window) => sum + weightOf(window), 0),
        budget,
        paced: paced.candles / paced.seconds,
        engine: engine.candles / engine.seconds,
        baseline: baseline.candles / baseline.seconds,
      });
    } finally {
      await simulator.close();
    }
  }
  return rows;
}

export function historyReport(rows: HistoryRow[]): string {
  return [
    '| venue market | candles (3 days of 1m) | weight spent / budget per window | allowed by the budget, sustained | engine, venue rate limit respected | ÷ allowed (where the budget binds) | engine, limit lifted | baseline: bare sequential fetch | engine ÷ baseline |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.venue} | ${row.candles} | ${row.weight} / ${row.budget.weight} per ${row.budget.perMs / 1000} s | ${formatRate(row.allowed)} | ${formatRate(row.paced)} | ${row.weight > row.budget.weight ? `${(row.paced / row.allowed).toFixed(2)}×` : '— (fits one window)'} | ${formatRate(row.engine)} | ${formatRate(row.baseline)} | ${(row.engine / row.baseline).toFixed(2)}× |`,
    ),
  ].join('\n');
}
