import { alignOpenTime, type Interval, intervalMs } from '@ohlcv/core';
import type { CandleGenerator } from '../sim/candle-generator';
import type { FaultState } from '../sim/faults';
import type { SimRequest, SimResponse, SimServer } from '../sim/sim-server';
import type { SimulatorClock } from '../sim/virtual-clock';
import { futuresRestRow, spotRestRow } from './gateio-candle-values';
import { contractJson, currencyPairJson, type GateInstrument } from './gateio-instruments';
import { FUTURES_REST_INTERVAL_IDS, generatedInterval, SPOT_REST_INTERVAL_IDS } from './gateio-intervals';
import type { GateRestLimit } from './gateio-rest-limit';

export interface GateRestContext {
  clock: SimulatorClock;
  generator: CandleGenerator;
  faults: FaultState;
  limit: GateRestLimit;
  spot: ReadonlyMap<string, GateInstrument>;
  usdt: ReadonlyMap<string, GateInstrument>;
  btc: ReadonlyMap<string, GateInstrument>;
  /** Points back from now that exist (Gate: 10,000). */
  historyDepth: number;
}

const SPOT_MAX_POINTS = 1_000;
const FUTURES_MAX_POINTS = 2_000;

function error(
  status: number,
  label: string,
  message?: string,
  headers?: Record<string, string>,
): SimResponse {
  const response: SimResponse = { status, body: message === undefined ? { label } : { label, message } };
  if (headers !== undefined) response.headers = headers;
  return response;
}

/** Rate limit and injected faults, shared by every route; `undefined` = go on. */
function gate(
  context: GateRestContext,
  endpoint: string,
): { stop?: SimResponse; headers: Record<string, string> } {
  const { allowed, headers } = context.limit.take(endpoint, Date.now(), context.clock.now());
  const injected = context.faults.takeHttpError();
  if (injected === 429 || !allowed) {
    const limited = { ...headers, 'X-Gate-RateLimit-Requests-Remain': '0' };
    return { stop: error(429, 'TOO_MANY_REQUESTS', 'Request rate limit exceeded', limited), headers };
  }
  if (injected !== undefined) {
    const label = injected >= 500 ? 'SERVER_ERROR' : 'INVALID_PARAM_VALUE';
    return { stop: error(injected, label, `simulated HTTP ${injected}`, headers), headers };
  }
  return { headers };
}

function parseSeconds(value: string | null): number | undefined | null {
  if (value === null) return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : null;
}

/** The open times a candles request covers, or the venue's 400. `from`/`to` inclusive, in seconds. */
function window(
  request: SimRequest,
  interval: Interval,
  maxPoints: number,
  context: GateRestContext,
  tooLongAgo: string,
): { first: number; last: number } | SimResponse {
  const from = parseSeconds(request.query.get('from'));
  const to = parseSeconds(request.query.get('to'));
  const limitText = request.query.get('limit');
  if (from === null)
    return error(
      400,
      'INVALID_PARAM_VALUE',
      `Invalid parameter \`from\` with value: ${request.query.get('from')}`,
    );
  if (to === null)
    return error(
      400,
      'INVALID_PARAM_VALUE',
      `Invalid parameter \`to\` with value: ${request.query.get('to')}`,
    );
  const length = intervalMs(interval);
  const now = context.clock.now();
  const currentOpen = alignOpenTime(interval, now);
  let first: number;
  let last: number;
  if (limitText !== null) {
    if (from !== undefined || to !== undefined) {
      return error(400, 'INVALID_PARAM_VALUE', '`limit` conflicts with `from` and `to`');
    }
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) {
      return error(400, 'INVALID_PARAM_VALUE', `Invalid parameter \`limit\` with value: ${limitText}`);
    }
    if (limit > maxPoints) {
      return error(
        400,
        'INVALID_PARAM_VALUE',
        `Candlestick range too broad. Maximum ${maxPoints} data points are allowed per request`,
      );
    }
    last = currentOpen;
    first = currentOpen - (limit - 1) * length;
  } else {
    const toMs = to === undefined ? now : to * 1000;
    const fromMs = from === undefined ? toMs - 100 * length : from * 1000;
    first = Math.ceil(fromMs / length) * length;
    last = Math.floor(toMs / length) * length;
    if (last >= first && (last - first) / length + 1 > maxPoints) {
      return error(
        400,
        'INVALID_PARAM_VALUE',
        `Candlestick range too broad. Maximum ${maxPoints} data points are allowed per request`,
      );
    }
  }
  if ((currentOpen - first) / length > context.historyDepth) {
    return error(400, 'INVALID_PARAM_VALUE', tooLongAgo);
  }
  return { first, last: Math.min(last, currentOpen) };
}

/** Candle states of `symbol` for open times in [first, last] as of now, ascending; quiet intervals absent. */
function* statesIn(
  context: GateRestContext,
  symbol: string,
  interval: Interval,
  first: number,
  last: number,
) {
  const length = intervalMs(interval);
  const now = context.clock.now();
  for (let openTime = first; openTime <= last; openTime += length) {
    const state = context.generator.stateAt(symbol, interval, openTime, now);
    if (state !== undefined) yield state;
  }
}

function spotCandles(context: GateRestContext, request: SimRequest): SimResponse {
  const path = '/api/v4/spot/candlesticks';
  const { stop, headers } = gate(context, path);
  if (stop) return stop;
  const pair = request.query.get('currency_pair');
  if (pair === null)
    return error(400, 'MISSING_REQUIRED_PARAM', 'Missing required parameter: currency_pair', headers);
  if (!context.spot.has(pair))
    return error(400, 'INVALID_CURRENCY_PAIR', `Invalid currency pair ${pair}`, headers);
  const id = request.query.get('interval') ?? '30m';
  if (!SPOT_REST_INTERVAL_IDS.has(id))
    return error(400, 'INVALID_PARAM_VALUE', `Invalid parameter \`interval\` with value: ${id}`, headers);
  const interval = generatedInterval(id, true);
  if (interval === undefined) return { status: 200, body: [], headers };
  const range = window(
    request,
    interval,
    SPOT_MAX_POINTS,
    context,
    'Candlestick too long ago. Maximum 10000 points ago are allowed',
  );
  if (!('first' in range)) return { ...range, headers };
  const rows: string[][] = [];
  for (const state of statesIn(context, pair, interval, range.first, range.last))
    rows.push(spotRestRow(state));
  return { status: 200, body: rows, headers };
}

function futuresCandles(context: GateRestContext, settle: 'usdt' | 'btc', request: SimRequest): SimResponse {
  const { stop, headers } = gate(context, `/api/v4/futures/${settle}/candlesticks`);
  if (stop) return stop;
  const name = request.query.get('contract');
  if (name === null)
    return error(400, 'MISSING_REQUIRED_PARAM', 'Missing required parameter: contract', headers);
  const instrument = context[settle].get(name);
  if (instrument === undefined) return error(400, 'CONTRACT_NOT_FOUND', undefined, headers);
  const id = request.query.get('interval') ?? '5m';
  if (!FUTURES_REST_INTERVAL_IDS.has(id))
    return error(400, 'INVALID_PARAM_VALUE', `Invalid parameter \`interval\` with value: ${id}`, headers);
  const interval = generatedInterval(id);
  if (interval === undefined) return { status: 200, body: [], headers };
  const range = window(
    request,
    interval,
    FUTURES_MAX_POINTS,
    context,
    'Candlestick too long ago. Maximum 10000 points recently are allowed',
  );
  if (!('first' in range)) return { ...range, headers };
  const rows: Array<Record<string, unknown>> = [];
  for (const state of statesIn(context, name, interval, range.first, range.last)) {
    rows.push(futuresRestRow(settle, state, instrument));
  }
  return { status: 200, body: rows, headers };
}

function contracts(context: GateRestContext, settle: 'usdt' | 'btc', request: SimRequest): SimResponse {
  const { stop, headers } = gate(context, `/api/v4/futures/${settle}/contracts`);
  if (stop) return stop;
  const all = [...context[settle].values()]
    .filter((instrument) => !context.faults.isDelisted(instrument.name))
    .map((instrument) => contractJson(settle, instrument));
  const limit = request.query.get('limit');
  const offset = Number(request.query.get('offset') ?? '0');
  const page = limit === null ? all : all.slice(offset, offset + Number(limit));
  return { status: 200, body: page, headers };
}

/** Registers Gate's public REST routes on `server`. */
export function registerGateRest(server: SimServer, context: GateRestContext): void {
  server.rest('/api/v4/spot/candlesticks', (request) => spotCandles(context, request));
  server.rest('/api/v4/spot/currency_pairs', () => {
    const { stop, headers } = gate(context, '/api/v4/spot/currency_pairs');
    if (stop) return stop;
    const pairs = [...context.spot.values()].filter((pair) => !context.faults.isDelisted(pair.name));
    return { status: 200, body: pairs.map(currencyPairJson), headers };
  });
  for (const settle of ['usdt', 'btc'] as const) {
    server.rest(`/api/v4/futures/${settle}/candlesticks`, (request) =>
      futuresCandles(context, settle, request),
    );
    server.rest(`/api/v4/futures/${settle}/contracts`, (request) => contracts(context, settle, request));
  }
  // An unsupported settle answers as Gate does.
  server.rest('/api/v4/futures/usdc/contracts', () =>
    error(400, 'MISSING_REQUIRED_HEADER', 'Missing required header: Timestamp'),
  );
}
