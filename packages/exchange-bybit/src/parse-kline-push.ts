import type { Candle, MarketType, VenueEvent } from '@ohlcv/core';
import { closeTimeOf, isFiniteOhlcv } from '@ohlcv/core';
import { parseKlineTopic } from './kline-topic';

/**
 * Candles of one kline push `{"topic":"kline.5.BTCUSDT","data":[{start,end,…,confirm}],"type":"snapshot"}`.
 * `data[]` may hold several candles; each becomes one event. A bad element yields an `error` event.
 * Volume is base on every market: spot/linear `volume` is base and `turnover` quote; inverse
 * `volume` is USD contracts and `turnover` base, so the two swap there.
 */
export function parseKlinePush(market: MarketType, topic: string, data: unknown): VenueEvent[] {
  const stream = parseKlineTopic(topic);
  if (stream === undefined) {
    return [{ type: 'error', message: `bybit ${market}: kline push with unknown topic "${topic}"` }];
  }
  if (!Array.isArray(data)) {
    return [{ type: 'error', message: `bybit ${market}: kline push for ${topic} without a data array` }];
  }
  const events: VenueEvent[] = [];
  const inverse = market === 'coinm';
  for (const item of data) {
    const row = item as Record<string, unknown> | null;
    if (typeof row !== 'object' || row === null) {
      events.push({
        type: 'error',
        message: `bybit ${market}: kline push for ${topic} has a non-object candle`,
      });
      continue;
    }
    const openTime = toNumber(row.start);
    const open = toNumber(row.open);
    const high = toNumber(row.high);
    const low = toNumber(row.low);
    const close = toNumber(row.close);
    const volume = toNumber(row.volume);
    const turnover = toNumber(row.turnover);
    if (
      !Number.isFinite(openTime) ||
      !isFiniteOhlcv(open, high, low, close, volume) ||
      !Number.isFinite(turnover) ||
      typeof row.confirm !== 'boolean'
    ) {
      events.push({ type: 'error', message: `bybit ${market}: malformed candle in kline push for ${topic}` });
      continue;
    }
    const end = toNumber(row.end);
    const candle: Candle = {
      exchange: 'bybit',
      market,
      symbol: stream.symbol,
      interval: stream.interval,
      openTime,
      closeTime: Number.isFinite(end) ? end : closeTimeOf(stream.interval, openTime),
      open,
      high,
      low,
      close,
      volume: inverse ? turnover : volume,
      quoteVolume: inverse ? volume : turnover,
      closed: row.confirm,
    };
    events.push({ type: 'candle', candle });
  }
  return events;
}

/** Bybit sends times as numbers and prices as strings; NaN for anything else. */
function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') return Number(value);
  return Number.NaN;
}
