import { alignOpenTime, type Interval, nextOpenTime } from '@ohlcv/core';
import type { CandleGenerator } from '../sim/candle-generator';
import type { FaultState } from '../sim/faults';
import type { SimRequest, SimResponse, SimServer } from '../sim/sim-server';
import type { SimulatorClock } from '../sim/virtual-clock';
import { candleValues } from './bybit-candle-values';
import { type BybitCategory, type BybitInstrument, CATEGORIES, instrumentEntry } from './bybit-instruments';
import { INTERVAL_OF_ID } from './bybit-intervals';
import type { BybitIpLimit, BybitVisitsLimit } from './bybit-rest-limits';

const KLINE_PATH = '/v5/market/kline';
const INSTRUMENTS_PATH = '/v5/market/instruments-info';
const MAX_KLINE_LIMIT = 1_000;
const DEFAULT_KLINE_LIMIT = 200;
const MAX_INSTRUMENT_LIMIT = 1_000;
const DEFAULT_INSTRUMENT_LIMIT = 500;

export interface BybitRestContext {
  clock: SimulatorClock;
  generator: CandleGenerator;
  faults: FaultState;
  instruments: Record<BybitCategory, readonly BybitInstrument[]>;
  ipLimit: BybitIpLimit;
  visitsLimit: BybitVisitsLimit | undefined;
}

export function registerBybitRest(server: SimServer, context: BybitRestContext): void {
  server.rest(KLINE_PATH, (request) => guarded(context, request, () => klines(context, request)));
  server.rest(INSTRUMENTS_PATH, (request) => guarded(context, request, () => instruments(context, request)));
}

/** Faults, the IP ban (403) and the optional 10006 limit, then the endpoint. */
function guarded(context: BybitRestContext, request: SimRequest, serve: () => SimResponse): SimResponse {
  const now = context.clock.now();
  const status = context.faults.takeHttpError();
  if (status !== undefined) return faultResponse(status, now);
  if (context.ipLimit.refuse(Date.now())) return { status: 403, text: 'access too frequent' };
  if (context.visitsLimit) {
    const visit = context.visitsLimit.hit(request.path, Date.now());
    const headers = {
      'X-Bapi-Limit': String(context.visitsLimit.limit),
      'X-Bapi-Limit-Status': String(visit.remaining),
      'X-Bapi-Limit-Reset-Timestamp': String(now + (visit.resetInMs ?? 0)),
    };
    if (visit.resetInMs !== undefined) {
      return { status: 200, headers, body: envelope(10006, 'Too many visits!', {}, now) };
    }
    const response = serve();
    return { ...response, headers: { ...headers, ...response.headers } };
  }
  return serve();
}

function faultResponse(status: number, now: number): SimResponse {
  if (status === 403) return { status, text: 'access too frequent' };
  if (status === 429) {
    return {
      status,
      headers: { 'X-Bapi-Limit-Reset-Timestamp': String(now + 1_000) },
      text: 'System level frequency protection',
    };
  }
  if (status >= 500) return { status, text: status === 502 ? 'Bad Gateway' : 'Internal Server Error' };
  return { status, body: envelope(10001, 'params error', {}, now) };
}

function envelope(retCode: number, retMsg: string, result: unknown, now: number): Record<string, unknown> {
  return { retCode, retMsg, result, retExtInfo: {}, time: now };
}

function paramsError(now: number, retMsg: string): SimResponse {
  return { status: 200, body: envelope(10001, retMsg, {}, now) };
}

function categoryOf(value: string | null, fallback: BybitCategory | undefined): BybitCategory | undefined {
  if (value === null) return fallback;
  return (CATEGORIES as readonly string[]).includes(value) ? (value as BybitCategory) : undefined;
}

/**
 * `GET /v5/market/kline`: newest first, `limit` ≤ 1000 (default 200), rows `[start, o, h, l, c, volume,
 * turnover]` as strings; the newest row may be the open candle (close = last price). Windows: start and
 * end → the newest `limit` rows in [start, end]; only start → the oldest `limit` from start; only end or
 * neither → the newest `limit` up to end / now. Errors: 10001 "Not supported symbols", "Invalid period!".
 */
function klines(context: BybitRestContext, request: SimRequest): SimResponse {
  const now = context.clock.now();
  const query = request.query;
  const category = categoryOf(query.get('category'), 'linear');
  if (category === undefined)
    return paramsError(now, `params error: category ${query.get('category')} is invalid`);
  const symbol = query.get('symbol') ?? '';
  if (!context.instruments[category].some((instrument) => instrument.symbol === symbol)) {
    return paramsError(now, 'Not supported symbols');
  }
  const interval = INTERVAL_OF_ID.get(query.get('interval') ?? '');
  if (interval === undefined) return paramsError(now, 'Invalid period!');
  const limit = integerParam(query.get('limit')) ?? DEFAULT_KLINE_LIMIT;
  if (limit < 1 || limit > MAX_KLINE_LIMIT)
    return paramsError(now, `params error: limit ${query.get('limit')} is invalid`);
  const start = integerParam(query.get('start'));
  const end = integerParam(query.get('end'));
  if ((query.has('start') && start === undefined) || (query.has('end') && end === undefined)) {
    return paramsError(now, 'params error: start/end must be ms timestamps');
  }

  const current = alignOpenTime(interval, now);
  const last = Math.min(current, end === undefined ? current : alignOpenTime(interval, end));
  const openTimes: number[] = [];
  if (start !== undefined && end === undefined) {
    for (
      let time = firstAtOrAfter(interval, start);
      time <= last && openTimes.length < limit;
      time = nextOpenTime(interval, time)
    ) {
      openTimes.push(time);
    }
    openTimes.reverse();
  } else {
    const first = start === undefined ? Number.NEGATIVE_INFINITY : start;
    for (
      let time = last;
      time >= first && openTimes.length < limit;
      time = previousOpenTime(interval, time)
    ) {
      openTimes.push(time);
    }
  }
  const list: string[][] = [];
  for (const openTime of openTimes) {
    const state = context.generator.stateAt(symbol, interval, openTime, now);
    if (!state) continue;
    const values = candleValues(category, state, context.generator);
    list.push([
      String(openTime),
      values.open,
      values.high,
      values.low,
      values.close,
      values.volume,
      values.turnover,
    ]);
  }
  return { status: 200, body: envelope(0, 'OK', { symbol, category, list }, now) };
}

/**
 * `GET /v5/market/instruments-info`: spot has no paging; linear/inverse page by `limit` (default 500,
 * max 1000) and an opaque `cursor` = the previous page's `nextPageCursor` ("" on the last page).
 */
function instruments(context: BybitRestContext, request: SimRequest): SimResponse {
  const now = context.clock.now();
  const query = request.query;
  const category = categoryOf(query.get('category'), undefined);
  if (category === undefined) {
    return paramsError(now, `params error: category ${query.get('category') ?? '(missing)'} is invalid`);
  }
  const all = context.instruments[category];
  const symbol = query.get('symbol');
  const status = query.get('status');
  const listed = all.filter(
    (instrument) =>
      !context.faults.isDelisted(instrument.symbol) &&
      (symbol === null || instrument.symbol === symbol) &&
      (status === null || status === 'Trading'),
  );
  if (category === 'spot') {
    const list = listed.map((instrument) => instrumentEntry(category, instrument));
    return { status: 200, body: envelope(0, 'OK', { category, list }, now) };
  }
  const limit = integerParam(query.get('limit')) ?? DEFAULT_INSTRUMENT_LIMIT;
  if (limit < 1 || limit > MAX_INSTRUMENT_LIMIT)
    return paramsError(now, `params error: limit ${query.get('limit')} is invalid`);
  let offset = 0;
  const cursor = query.get('cursor');
  if (cursor) {
    const after = cursorLast(cursor);
    const index = listed.findIndex((instrument) => instrument.symbol === after);
    if (after === undefined || index < 0)
      return paramsError(now, `params error: cursor ${cursor} is invalid`);
    offset = index + 1;
  }
  const page = listed.slice(offset, offset + limit);
  const more = offset + limit < listed.length && page.length > 0;
  const nextPageCursor = more
    ? encodeURIComponent(`first=${page[0]!.symbol}&last=${page[page.length - 1]!.symbol}`)
    : '';
  const list = page.map((instrument) => instrumentEntry(category, instrument));
  return { status: 200, body: envelope(0, 'OK', { category, list, nextPageCursor }, now) };
}

/** `last` of a cursor, whether the client sent it as given (`first%3DA%26last%3DB`) or decoded once more. */
function cursorLast(cursor: string): string | undefined {
  let decoded = cursor;
  try {
    if (decoded.includes('%')) decoded = decodeURIComponent(decoded);
  } catch {
    return undefined;
  }
  return new URLSearchParams(decoded).get('last') ?? undefined;
}

function integerParam(value: string | null): number | undefined {
  if (value === null || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}

function firstAtOrAfter(interval: Interval, time: number): number {
  const aligned = alignOpenTime(interval, time);
  return aligned < time ? nextOpenTime(interval, aligned) : aligned;
}

function previousOpenTime(interval: Interval, openTime: number): number {
  return alignOpenTime(interval, openTime - 1);
}
