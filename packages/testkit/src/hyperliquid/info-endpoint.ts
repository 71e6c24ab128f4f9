/**
 * `POST /info` of the simulated venue: `candleSnapshot`, `meta`, `spotMeta`.
 *
 * - Body must be JSON with `Content-Type: application/json` (axum: 415 otherwise); anything that does
 *   not deserialize → 422 `Failed to deserialize the JSON body into the target type: …`.
 * - candleSnapshot returns every candle overlapping [startTime, endTime] that exists (no row for a
 *   quiet interval), ascending, the open candle as of now included; only the most recent
 *   `historyDepth` candle slots exist, so a response never exceeds that many rows.
 * - Weight 20 per request, candleSnapshot + 1 per 60 rows, against `weightPerMinute` per virtual
 *   minute; over it → 429 with body `null`.
 */
import { alignOpenTime, type Interval, nextOpenTime } from '@ohlcv/core';
import type { CandleGenerator } from '../sim/candle-generator';
import type { FaultState } from '../sim/faults';
import type { FixedWindowCounter } from '../sim/rate-limits';
import type { SimRequest, SimResponse } from '../sim/sim-server';
import type { SimulatorClock } from '../sim/virtual-clock';
import { type SnapshotRow, snapshotRow } from './candle-wire';
import { type CoinDirectory, isHyperliquidInterval } from './venue-data';

const INFO_WEIGHT = 20;
const ROWS_PER_EXTRA_WEIGHT = 60;
const DESERIALIZE_ERROR = 'Failed to deserialize the JSON body into the target type';

export interface InfoEndpointOptions {
  clock: SimulatorClock;
  generator: CandleGenerator;
  faults: FaultState;
  coins: CoinDirectory;
  weight: FixedWindowCounter;
  weightPerMinute: number;
  historyDepth: number;
}

function unprocessable(detail: string): SimResponse {
  return { status: 422, text: `${DESERIALIZE_ERROR}: ${detail}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Open time of the oldest candle slot that still exists, `depth` slots back from the current one. */
export function oldestOpenTime(interval: Interval, now: number, depth: number): number {
  const current = alignOpenTime(interval, now);
  if (interval === '1M') {
    const date = new Date(current);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - (depth - 1), 1);
  }
  return current - (depth - 1) * (nextOpenTime(interval, current) - current);
}

function errorFor(status: number): SimResponse {
  if (status === 429) return { status, body: null };
  return { status, text: status >= 500 ? 'Internal Server Error' : `HTTP ${status}` };
}

export function createInfoHandler(options: InfoEndpointOptions): (request: SimRequest) => SimResponse {
  const { clock, generator, faults, coins } = options;

  /** Whether a request of at least `weight` still fits this minute's budget. */
  function fits(weight: number): boolean {
    return options.weight.usedAt(clock.now()) + weight <= options.weightPerMinute;
  }

  function spend(weight: number): boolean {
    if (!fits(weight)) return false;
    options.weight.add(weight, clock.now());
    return true;
  }

  function candleSnapshot(request: unknown): SimResponse {
    if (!isRecord(request)) return unprocessable('missing field `req`');
    const { coin, interval, startTime, endTime } = request;
    if (typeof coin !== 'string') return unprocessable('req.coin: invalid type, expected a string');
    if (!isHyperliquidInterval(interval)) {
      return unprocessable(`req.interval: unknown variant \`${String(interval)}\``);
    }
    if (!isTime(startTime)) return unprocessable('req.startTime: invalid value, expected u64');
    if (!isTime(endTime)) return unprocessable('req.endTime: invalid value, expected u64');
    if (!fits(INFO_WEIGHT)) return errorFor(429);
    const rows: SnapshotRow[] = [];
    const now = clock.now();
    if (coins.status(coin) === 'live' || faults.isDelisted(coin)) {
      const oldest = oldestOpenTime(interval, now, options.historyDepth);
      let openTime = Math.max(alignOpenTime(interval, startTime), oldest);
      const last = alignOpenTime(interval, Math.min(endTime, now));
      while (openTime <= last && rows.length < options.historyDepth) {
        const state = generator.stateAt(coin, interval, openTime, now);
        if (state) rows.push(snapshotRow(state));
        openTime = nextOpenTime(interval, openTime);
      }
    }
    // The row surcharge is charged after the fact, so one large answer may take the minute over budget.
    options.weight.add(INFO_WEIGHT + Math.floor(rows.length / ROWS_PER_EXTRA_WEIGHT), now);
    return { status: 200, body: rows };
  }

  function meta(): SimResponse {
    return {
      status: 200,
      body: {
        universe: coins.perps.filter((asset) => !faults.isDelisted(asset.name)),
        marginTables: [[50, { description: '', marginTiers: [{ lowerBound: '0.0', maxLeverage: 50 }] }]],
        collateralToken: 0,
      },
    };
  }

  function spotMeta(): SimResponse {
    const universe = coins.pairs.filter((pair) => !faults.isDelisted(pair.name));
    return { status: 200, body: { tokens: coins.tokens, universe } };
  }

  return (request) => {
    const status = faults.takeHttpError();
    if (status !== undefined) return errorFor(status);
    if (request.method !== 'POST') return { status: 405, text: '' };
    const contentType = request.headers['content-type'];
    if (typeof contentType !== 'string' || !contentType.toLowerCase().startsWith('application/json')) {
      return { status: 415, text: 'Expected request with `Content-Type: application/json`' };
    }
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return unprocessable('expected value at line 1 column 1');
    }
    if (!isRecord(body)) return unprocessable('invalid type, expected internally tagged enum');
    switch (body.type) {
      case 'candleSnapshot':
        return candleSnapshot(body.req);
      case 'meta':
        return spend(INFO_WEIGHT) ? meta() : errorFor(429);
      case 'spotMeta':
        return spend(INFO_WEIGHT) ? spotMeta() : errorFor(429);
      default:
        return unprocessable(`unknown variant \`${String(body.type)}\``);
    }
  };
}
