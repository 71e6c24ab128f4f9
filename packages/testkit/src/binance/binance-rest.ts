/**
 * Binance REST (venue doc §1.0 "REST errors", §1.1–1.3): `<prefix>/klines`, `<prefix>/exchangeInfo`,
 * `<prefix>/time`, `<prefix>/ping`, with request weight per UTC minute (virtual clock), the
 * `X-MBX-USED-WEIGHT-1M` header, 429 + `Retry-After` over the limit, 418 ban when a client keeps going,
 * `{"code","msg"}` 400 errors, and the `httpErrors` fault.
 */
import { alignOpenTime, type Interval, intervalMs } from '@ohlcv/core';
import type { CandleGenerator } from '../sim/candle-generator';
import type { FaultState } from '../sim/faults';
import { FixedWindowCounter } from '../sim/rate-limits';
import type { SimRequest, SimResponse, SimServer } from '../sim/sim-server';
import type { SimulatorClock } from '../sim/virtual-clock';
import type { BinanceKlineFormat } from './binance-kline-format';
import { klinesWindow } from './binance-klines-window';
import { type BinanceMarketConfig, binanceSymbolParts, coinmContractSize } from './binance-markets';

/** 429s tolerated within one minute before the 418 ban. */
const STRIKES_BEFORE_BAN = 3;
const BAN_MS = 120_000;
const DIGITS = /^[0-9]{1,20}$/;

export interface BinanceRestOptions {
  config: BinanceMarketConfig;
  clock: SimulatorClock;
  generator: CandleGenerator;
  faults: FaultState;
  format: BinanceKlineFormat;
  symbols: readonly string[];
  /** Candles per interval that exist before the simulator's start time. */
  historyCandles: number;
  startTime: number;
  /** Request weight per UTC minute. */
  weightPerMinute: number;
}

function error(status: number, code: number, message: string): SimResponse {
  return { status, body: { code, msg: message } };
}

export function registerBinanceRest(server: SimServer, options: BinanceRestOptions): void {
  const { config, clock, faults } = options;
  const weight = new FixedWindowCounter(60_000);
  let strikes = 0;
  let strikeWindow = -1;
  let bannedUntil = 0;

  const guarded =
    (weightOf: (request: SimRequest) => number, handle: (request: SimRequest) => SimResponse) =>
    (request: SimRequest): SimResponse => {
      const now = clock.now();
      const injected = faults.takeHttpError();
      if (injected !== undefined)
        return faultResponse(injected, now, weight.windowEnd(now), options.weightPerMinute);
      if (now < bannedUntil) return banResponse(bannedUntil, now);
      const used = weight.add(weightOf(request), now);
      const usedHeader = { 'X-MBX-USED-WEIGHT-1M': String(used) };
      if (used > options.weightPerMinute) {
        const window = Math.floor(now / 60_000);
        if (window !== strikeWindow) {
          strikeWindow = window;
          strikes = 0;
        }
        strikes += 1;
        if (strikes > STRIKES_BEFORE_BAN) {
          bannedUntil = now + BAN_MS;
          return banResponse(bannedUntil, now);
        }
        const response = tooManyRequests(now, weight.windowEnd(now), options.weightPerMinute);
        return { ...response, headers: { ...response.headers, ...usedHeader } };
      }
      const response = handle(request);
      return { ...response, headers: { ...response.headers, ...usedHeader } };
    };

  server.rest(
    `${config.restPrefix}/klines`,
    guarded(
      (request) => {
        const limit = request.query.get('limit');
        return config.klinesWeight(limit === null ? undefined : Number(limit));
      },
      (request) => klines(request, options),
    ),
  );
  server.rest(
    `${config.restPrefix}/exchangeInfo`,
    guarded(
      () => config.exchangeInfoWeight,
      () => ({ status: 200, body: exchangeInfo(options) }),
    ),
  );
  server.rest(
    `${config.restPrefix}/time`,
    guarded(
      () => 1,
      () => ({ status: 200, body: { serverTime: clock.now() } }),
    ),
  );
  server.rest(
    `${config.restPrefix}/ping`,
    guarded(
      () => 1,
      () => ({ status: 200, body: {} }),
    ),
  );
}

function klines(request: SimRequest, options: BinanceRestOptions): SimResponse {
  const { config, clock, generator, format } = options;
  const query = request.query;
  for (const name of ['symbol', 'interval']) {
    if (!query.get(name)) {
      return error(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
    }
  }
  const symbol = query.get('symbol')!.toUpperCase();
  if (!options.symbols.includes(symbol)) return error(400, -1121, 'Invalid symbol.');
  const interval = query.get('interval')! as Interval;
  if (!config.intervals.includes(interval)) return error(400, -1120, 'Invalid interval.');
  const limitText = query.get('limit');
  const limit = limitText === null ? 500 : Number(limitText);
  if (limitText !== null && (!DIGITS.test(limitText) || limit < 1 || limit > config.klinesMaxLimit)) {
    return error(400, -1130, "Data sent for parameter 'limit' is not valid.");
  }
  const times: { startTime?: number; endTime?: number } = {};
  for (const name of ['startTime', 'endTime'] as const) {
    const text = query.get(name);
    if (text === null) continue;
    if (!DIGITS.test(text)) {
      return error(
        400,
        -1100,
        `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`,
      );
    }
    times[name] = Number(text);
  }
  if (times.startTime !== undefined && times.endTime !== undefined && times.startTime > times.endTime) {
    return error(400, -1023, 'Start time is greater than end time.');
  }
  const now = clock.now();
  const earliest = alignOpenTime(interval, options.startTime - options.historyCandles * intervalMs(interval));
  const window = klinesWindow({ market: config.market, interval, limit, now, earliest, ...times });
  if (!Array.isArray(window)) return error(400, -1127, 'More than 200 days between startTime and endTime.');
  const rows: Array<Array<number | string>> = [];
  for (const openTime of window) {
    const state = generator.stateAt(symbol, interval, openTime, now);
    if (state) rows.push(format.row(state));
  }
  return { status: 200, body: rows };
}

function exchangeInfo(options: BinanceRestOptions): Record<string, unknown> {
  const { config, clock, generator } = options;
  const market = config.market;
  const rateLimits = [
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: options.weightPerMinute },
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
  ];
  const listed = options.symbols.filter((symbol) => !options.faults.isDelisted(symbol));
  const symbols = listed.map((symbol) => {
    const parts = binanceSymbolParts(market, symbol);
    const priceDecimals = generator.priceDecimals(symbol);
    const tickSize = (10 ** -priceDecimals).toFixed(priceDecimals);
    const filters = [
      { filterType: 'PRICE_FILTER', minPrice: tickSize, maxPrice: '1000000', tickSize },
      { filterType: 'LOT_SIZE', minQty: '0.001', maxQty: '10000', stepSize: '0.001' },
    ];
    if (market === 'spot') {
      return {
        symbol,
        status: 'TRADING',
        baseAsset: parts.baseAsset,
        baseAssetPrecision: 8,
        quoteAsset: parts.quoteAsset,
        quotePrecision: 8,
        quoteAssetPrecision: 8,
        orderTypes: ['LIMIT', 'MARKET'],
        isSpotTradingAllowed: true,
        isMarginTradingAllowed: false,
        filters,
        permissions: [],
        permissionSets: [['SPOT']],
      };
    }
    const common = {
      symbol,
      pair: parts.pair,
      contractType: parts.contractType,
      deliveryDate: 4_133_404_800_000,
      onboardDate: 1_569_398_400_000,
      baseAsset: parts.baseAsset,
      quoteAsset: parts.quoteAsset,
      pricePrecision: priceDecimals,
      quantityPrecision: 3,
      underlyingType: 'COIN',
      filters,
    };
    if (market === 'usdm') return { ...common, status: 'TRADING', marginAsset: parts.quoteAsset };
    return {
      ...common,
      contractStatus: 'TRADING',
      contractSize: coinmContractSize(symbol),
      marginAsset: parts.baseAsset,
    };
  });
  return {
    timezone: 'UTC',
    serverTime: clock.now(),
    ...(market === 'usdm' ? { futuresType: 'U_MARGINED' } : {}),
    rateLimits,
    exchangeFilters: [],
    symbols,
  };
}

function retryAfterSeconds(now: number, until: number): string {
  return String(Math.max(1, Math.ceil((until - now) / 1_000)));
}

function tooManyRequests(now: number, windowEnd: number, limit: number): SimResponse {
  return {
    status: 429,
    headers: { 'Retry-After': retryAfterSeconds(now, windowEnd) },
    body: {
      code: -1003,
      msg: `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
    },
  };
}

function banResponse(until: number, now: number): SimResponse {
  return {
    status: 418,
    headers: { 'Retry-After': retryAfterSeconds(now, until) },
    body: {
      code: -1003,
      msg: `Way too much request weight used; IP banned until ${until}. Please use WebSocket Streams for live updates to avoid bans.`,
    },
  };
}

/** How an injected HTTP error looks on Binance's wire. */
function faultResponse(status: number, now: number, windowEnd: number, limit: number): SimResponse {
  if (status === 429) return tooManyRequests(now, windowEnd, limit);
  if (status === 418) return banResponse(now + BAN_MS, now);
  if (status === 403) return { status, text: '<html><body><h1>403 Forbidden</h1></body></html>' };
  if (status >= 500)
    return error(status, -1001, 'Internal error; unable to process your request. Please try again.');
  return error(status, -1000, 'An unknown error occurred while processing the request.');
}
