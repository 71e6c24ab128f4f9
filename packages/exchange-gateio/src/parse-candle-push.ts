import {
  type Candle,
  closeTimeOf,
  type InstrumentIndex,
  type Interval,
  type MarketType,
  type VenueEvent,
} from '@ohlcv/core';
import { contractVolume } from './contract-volume';
import { intervalFromGate } from './intervals';
import { isRecord, toNumber } from './parse-number';

/**
 * `n` = `<interval>_<pair>`; the pair contains `_` too, so split on the first one only.
 * Returns `undefined` when `n` is malformed.
 */
function splitName(name: unknown): { gateInterval: string; symbol: string } | undefined {
  if (typeof name !== 'string') return undefined;
  const at = name.indexOf('_');
  if (at <= 0 || at === name.length - 1) return undefined;
  return { gateInterval: name.slice(0, at), symbol: name.slice(at + 1) };
}

function malformed(market: MarketType, what: string, value: unknown): VenueEvent {
  return {
    type: 'error',
    code: 'malformed_candle',
    message: `gateio ${market}: malformed candle push (${what}): ${JSON.stringify(value)?.slice(0, 200)}`,
  };
}

/** Common fields of a push; `undefined` when a price or the open time is not a number. */
function baseCandle(
  market: MarketType,
  symbol: string,
  interval: Interval,
  openTimeSeconds: number,
  row: Record<string, unknown>,
): Candle | undefined {
  const openTime = openTimeSeconds * 1000;
  const open = toNumber(row.o);
  const high = toNumber(row.h);
  const low = toNumber(row.l);
  const close = toNumber(row.c);
  if (!Number.isInteger(openTime) || Number.isNaN(open + high + low + close)) return undefined;
  return {
    exchange: 'gateio',
    market,
    symbol,
    interval,
    openTime,
    closeTime: closeTimeOf(interval, openTime),
    open,
    high,
    low,
    close,
    volume: 0,
    closed: false,
  };
}

/**
 * Spot `result` object: `t` open time in seconds as a string, `a` base volume, `v` quote volume,
 * `w` window closed (may be missing). Only `w === true` marks the candle closed. Frames recorded in
 * 2021 have no `a` yet: the base volume is then estimated as `v / close` (within [v/high, v/low]).
 */
export function parseSpotPush(result: unknown, out: VenueEvent[]): void {
  if (!isRecord(result)) {
    out.push(malformed('spot', 'result is not an object', result));
    return;
  }
  const name = splitName(result.n);
  if (name === undefined) {
    out.push(malformed('spot', 'bad n', result));
    return;
  }
  const interval = intervalFromGate(name.gateInterval);
  if (interval === undefined) {
    out.push({ type: 'ignore' });
    return;
  }
  const candle = baseCandle('spot', name.symbol, interval, toNumber(result.t), result);
  const quoteVolume = toNumber(result.v);
  const volume =
    result.a === undefined && candle !== undefined && !Number.isNaN(quoteVolume)
      ? baseFromQuote(quoteVolume, candle.close)
      : toNumber(result.a);
  if (candle === undefined || Number.isNaN(volume)) {
    out.push(malformed('spot', 'bad numbers', result));
    return;
  }
  candle.volume = volume;
  if (!Number.isNaN(quoteVolume)) candle.quoteVolume = quoteVolume;
  candle.closed = result.w === true;
  out.push({ type: 'candle', candle });
}

function baseFromQuote(quoteVolume: number, close: number): number {
  return quoteVolume === 0 || close <= 0 ? 0 : quoteVolume / close;
}

/**
 * Futures `result` array of objects: integer `t` seconds, `v` in contracts, no closed flag (every
 * candle is `closed: false`; a later candle or the engine's grace timer closes it).
 */
export function parseFuturesPush(
  market: MarketType,
  result: unknown,
  instruments: InstrumentIndex | undefined,
  out: VenueEvent[],
): void {
  if (!Array.isArray(result)) {
    out.push(malformed(market, 'result is not an array', result));
    return;
  }
  for (let index = 0; index < result.length; index++) {
    const row: unknown = result[index];
    if (!isRecord(row)) {
      out.push(malformed(market, 'element is not an object', row));
      continue;
    }
    const name = splitName(row.n);
    if (name === undefined) {
      out.push(malformed(market, 'bad n', row));
      continue;
    }
    const interval = intervalFromGate(name.gateInterval);
    if (interval === undefined) {
      out.push({ type: 'ignore' });
      continue;
    }
    const candle = baseCandle(market, name.symbol, interval, toNumber(row.t), row);
    const contracts = toNumber(row.v);
    if (candle === undefined || Number.isNaN(contracts)) {
      out.push(malformed(market, 'bad numbers', row));
      continue;
    }
    const volume = contractVolume(
      market,
      contracts,
      candle.close,
      instruments?.get(name.symbol)?.contractSize,
    );
    if (volume === undefined) {
      out.push({
        type: 'error',
        code: 'contract_size_unknown',
        message: `gateio ${market} ${name.symbol}: contract size (quanto_multiplier) unknown, cannot turn contracts into base volume; pass the instrument list`,
      });
      continue;
    }
    candle.volume = volume.volume;
    if (volume.quoteVolume !== undefined) candle.quoteVolume = volume.quoteVolume;
    out.push({ type: 'candle', candle });
  }
}
