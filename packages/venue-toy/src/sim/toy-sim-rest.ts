import { alignOpenTime, intervalMs } from '@ohlcv/core';
import type {
  CandleGenerator,
  CandleState,
  FaultState,
  SimRequest,
  SimResponse,
  SimServer,
  SimulatorClock,
} from '@ohlcv/testkit';
import { checkRequestTime, MAX_ROWS, REST_DEPTH, REST_INTERVALS } from './toy-sim-protocol';

export interface ToyRestContext {
  clock: SimulatorClock;
  generator: CandleGenerator;
  faults: FaultState;
  symbols: readonly string[];
  maxSkewMs: number | undefined;
}

/** `[t, o, h, l, c, v, final]` with the values as decimal strings. */
export function toyRow(state: CandleState): [number, string, string, string, string, string, 0 | 1] {
  const { openTime, open, high, low, close, volume, closed } = state;
  return [openTime, String(open), String(high), String(low), String(close), String(volume), closed ? 1 : 0];
}

function refuse(status: number, error: string, headers?: Record<string, string>): SimResponse {
  return { status, body: { error }, ...(headers ? { headers } : {}) };
}

/** Injected HTTP errors first (429 with Retry-After), as every route of the venue answers them. */
function injected(context: ToyRestContext): SimResponse | undefined {
  const status = context.faults.takeHttpError();
  if (status === undefined) return undefined;
  return status === 429
    ? refuse(429, 'too many requests', { 'Retry-After': '1' })
    : refuse(status, `simulated HTTP ${status}`);
}

function whole(value: string | null): number | undefined {
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

function candles(context: ToyRestContext, request: SimRequest): SimResponse {
  const failure = injected(context);
  if (failure) return failure;
  const { query } = request;
  const now = context.clock.now();
  const stale = checkRequestTime(whole(query.get('ts')) ?? query.get('ts'), now, context.maxSkewMs);
  if (stale) return refuse(400, stale);
  const symbol = query.get('symbol') ?? '';
  if (!context.symbols.includes(symbol)) return refuse(400, `unknown symbol ${symbol}`);
  const interval = REST_INTERVALS.get(query.get('res') ?? '');
  if (!interval) return refuse(400, `unknown res ${query.get('res')}`);
  const from = whole(query.get('from'));
  const to = whole(query.get('to'));
  const limit = whole(query.get('limit')) ?? MAX_ROWS;
  if (from === undefined || to === undefined || from > to)
    return refuse(400, 'from and to must be ms with from <= to');
  if (limit < 1 || limit > MAX_ROWS) return refuse(400, `limit must be 1 to ${MAX_ROWS}`);
  const length = intervalMs(interval);
  const current = alignOpenTime(interval, now);
  const oldest = current - ((REST_DEPTH[interval] ?? Number.POSITIVE_INFINITY) - 1) * length;
  const rows: ReturnType<typeof toyRow>[] = [];
  let openTime = Math.max(alignOpenTime(interval, from), oldest);
  if (openTime < from) openTime += length;
  for (; openTime <= Math.min(to, current) && rows.length < limit; openTime += length) {
    const state = context.generator.stateAt(symbol, interval, openTime, now);
    if (state) rows.push(toyRow(state));
  }
  return { status: 200, body: { rows } };
}

function symbols(context: ToyRestContext): SimResponse {
  const failure = injected(context);
  if (failure) return failure;
  const listed = context.symbols.filter((name) => !context.faults.isDelisted(name));
  return {
    status: 200,
    body: {
      symbols: listed.map((name) => {
        const [base, quote] = name.split('-');
        return { name, base, quote, status: 'open' };
      }),
    },
  };
}

export function registerToyRest(server: SimServer, context: ToyRestContext): void {
  server.rest('/v1/candles', (request) => candles(context, request));
  server.rest('/v1/symbols', () => symbols(context));
}
