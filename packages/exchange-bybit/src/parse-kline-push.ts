import type { MarketType, VenueEvent } from '@ohlcv/core';
import { candleOfKlineFields, emptyKlineFields } from './kline-fields';
import { parseKlineTopic } from './kline-topic';

/** Reused by every call (the parse is synchronous). */
const plainFields = emptyKlineFields();

/**
 * Candles of one kline push `{"topic":"kline.5.BTCUSDT","data":[{start,end,…,confirm}],"type":"snapshot"}`.
 * `data[]` may hold several candles; each becomes one event. A bad element yields an `error` event.
 * Volume per market: {@link candleOfKlineFields}.
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
  const fields = plainFields;
  for (const item of data) {
    const row = item as Record<string, unknown> | null;
    if (typeof row !== 'object' || row === null) {
      events.push({
        type: 'error',
        message: `bybit ${market}: kline push for ${topic} has a non-object candle`,
      });
      continue;
    }
    fields.start = toNumber(row.start);
    fields.end = toNumber(row.end);
    fields.open = toNumber(row.open);
    fields.high = toNumber(row.high);
    fields.low = toNumber(row.low);
    fields.close = toNumber(row.close);
    fields.volume = toNumber(row.volume);
    fields.turnover = toNumber(row.turnover);
    fields.confirm = row.confirm;
    const candle = candleOfKlineFields(market, stream, fields);
    if (candle === undefined) {
      events.push({ type: 'error', message: `bybit ${market}: malformed candle in kline push for ${topic}` });
      continue;
    }
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
