/**
 * OKX REST (venue doc §3.0 "REST history", "Instruments"):
 * - `GET /api/v5/market/candles`: only the latest `recentRows` (1,440) rows; `1s` refused (51000).
 * - `GET /api/v5/market/history-candles`: everything from `historyStart` (1s: the last 3 months).
 * Both newest first; `after` = rows older than ts, `before` = rows newer than ts (exclusive); `limit`
 * capped at the endpoint's maximum; the first row may be the unfinished candle (`confirm` "0").
 * - `GET /api/v5/public/instruments?instType=SPOT|SWAP|FUTURES` (MARGIN/OPTION: empty).
 * Errors: 51001 unknown instId, 51000 bad parameter, 50014 missing parameter, 50011 rate limit as HTTP
 * 429 or as HTTP 200 (option), every body in the `code`/`msg`/`data` envelope.
 */
import { alignOpenTime, type Interval, nextOpenTime } from '@ohlcv/core';
import type { CandleGenerator } from '../sim/candle-generator';
import type { FaultState } from '../sim/faults';
import { SlidingWindowLimit } from '../sim/rate-limits';
import type { SimRequest, SimResponse, SimServer } from '../sim/sim-server';
import type { SimulatorClock } from '../sim/virtual-clock';
import { intervalOfBar, isOkxBar } from './okx-bars';
import type { OkxCandleFormat } from './okx-candle-format';
import { okxData, okxFailure, okxHttpFault, RATE_LIMIT_CODE, RATE_LIMIT_MESSAGE } from './okx-envelope';
import { instrumentRow, type OkxInstrument } from './okx-instruments';

const CANDLES_PATH = '/api/v5/market/candles';
const HISTORY_CANDLES_PATH = '/api/v5/market/history-candles';
const INSTRUMENTS_PATH = '/api/v5/public/instruments';

const ONE_SECOND_HISTORY_MS = 90 * 24 * 60 * 60 * 1_000;
const DEFAULT_LIMIT = 100;
const INST_TYPES = new Set(['SPOT', 'MARGIN', 'SWAP', 'FUTURES', 'OPTION']);

export interface OkxRestLimits {
  /** Requests per `perMs` (real time) on `candles`: 40. */
  candles: number;
  /** On `history-candles`: 20. */
  historyCandles: number;
  /** On `instruments`, per instType: 20. */
  instruments: number;
  perMs: number;
}

interface OkxRestOptions {
  recentRows: number;
  candlesMaxLimit: number;
  historyCandlesMaxLimit: number;
  historyStart: number;
  /** HTTP status carrying 50011 when a rate limit is hit: OKX uses 429 or 200. */
  rateLimitStatus: 200 | 429;
  limits: OkxRestLimits | false;
}

export interface OkxRestContext {
  server: SimServer;
  clock: SimulatorClock;
  generator: CandleGenerator;
  format: OkxCandleFormat;
  faults: FaultState;
  instruments: readonly OkxInstrument[];
  options: OkxRestOptions;
}

/** Open time of the candle `steps` candles before the one opening at `openTime`. */
function stepsBack(interval: Interval, openTime: number, steps: number): number {
  if (interval !== '1M') return openTime - steps * (nextOpenTime(interval, openTime) - openTime);
  const date = new Date(openTime);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - steps, 1);
}

/** A bound parameter: undefined when absent, NaN when not a ms timestamp. */
function bound(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  return /^-?\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
}

export function registerOkxRest(context: OkxRestContext): void {
  const { server, options } = context;
  const byInstId = new Map(
    context.instruments.filter((row) => row.instId !== '').map((row) => [row.instId, row]),
  );
  const limits = options.limits;
  const candlesLimit = limits ? new SlidingWindowLimit(limits.candles, limits.perMs) : undefined;
  const historyLimit = limits ? new SlidingWindowLimit(limits.historyCandles, limits.perMs) : undefined;
  const instrumentLimits = new Map<string, SlidingWindowLimit>();

  const rateLimited = (): SimResponse =>
    okxFailure(RATE_LIMIT_CODE, RATE_LIMIT_MESSAGE, options.rateLimitStatus);

  const candles = (request: SimRequest, history: boolean): SimResponse => {
    const fault = context.faults.takeHttpError();
    if (fault !== undefined) return okxHttpFault(fault);
    const limiter = history ? historyLimit : candlesLimit;
    if (limiter && !limiter.hit(Date.now())) return rateLimited();
    const instId = request.query.get('instId');
    if (!instId) return okxFailure('50014', 'Parameter instId can not be empty.');
    const bar = request.query.get('bar') ?? '1m';
    if (!isOkxBar(bar) || (!history && bar === '1s')) return okxFailure('51000', 'Parameter bar error');
    const after = bound(request.query, 'after');
    const before = bound(request.query, 'before');
    if (Number.isNaN(after)) return okxFailure('51000', 'Parameter after error');
    if (Number.isNaN(before)) return okxFailure('51000', 'Parameter before error');
    const limitText = request.query.get('limit');
    const requested = limitText === null || limitText === '' ? DEFAULT_LIMIT : Number(limitText);
    if (!Number.isSafeInteger(requested) || requested < 1)
      return okxFailure('51000', 'Parameter limit error');
    const instrument = byInstId.get(instId);
    if (!instrument) return okxFailure('51001', `Instrument ID ${instId} doesn't exist.`);
    const interval = intervalOfBar(bar);
    // Bars without simulated data (UTC+8, 2D, 5D, 3M): an empty page.
    if (interval === undefined) return okxData([]);
    const limit = Math.min(requested, history ? options.historyCandlesMaxLimit : options.candlesMaxLimit);
    const now = context.clock.now();
    const currentOpen = alignOpenTime(interval, now);
    const lowest = history
      ? interval === '1s'
        ? now - ONE_SECOND_HISTORY_MS
        : options.historyStart
      : stepsBack(interval, currentOpen, options.recentRows - 1);
    let openTime = after === undefined ? currentOpen : alignOpenTime(interval, Math.min(after - 1, now));
    const rows: string[][] = [];
    while (rows.length < limit && openTime >= lowest && (before === undefined || openTime > before)) {
      const current = openTime === currentOpen;
      const state = current
        ? context.generator.stateAt(instId, interval, openTime, now)
        : context.generator.final(instId, interval, openTime);
      if (state) rows.push(context.format.row(state, instrument, !current));
      openTime = alignOpenTime(interval, openTime - 1);
    }
    return okxData(rows);
  };

  server.rest(CANDLES_PATH, (request) => candles(request, false));
  server.rest(HISTORY_CANDLES_PATH, (request) => candles(request, true));

  server.rest(INSTRUMENTS_PATH, (request) => {
    const fault = context.faults.takeHttpError();
    if (fault !== undefined) return okxHttpFault(fault);
    const instType = request.query.get('instType');
    if (!instType) return okxFailure('50014', 'Parameter instType can not be empty.');
    if (!INST_TYPES.has(instType)) return okxFailure('51000', 'Parameter instType error');
    if (limits) {
      let limiter = instrumentLimits.get(instType);
      if (!limiter) {
        limiter = new SlidingWindowLimit(limits.instruments, limits.perMs);
        instrumentLimits.set(instType, limiter);
      }
      if (!limiter.hit(Date.now())) return rateLimited();
    }
    const instId = request.query.get('instId');
    const family = request.query.get('instFamily');
    const rows = context.instruments
      .filter((row) => row.instType === instType && !context.faults.isDelisted(row.instId))
      .filter((row) => !instId || row.instId === instId)
      .filter((row) => !family || row.instFamily === family)
      .map(instrumentRow);
    return okxData(rows);
  });
}
