import type { MarketType, StreamRef } from '@ohlcv/core';
import { fromBybitInterval, toBybitInterval } from './bybit-intervals';

const PREFIX = 'kline.';

/** `kline.{interval}.{symbol}`, e.g. `kline.5.BTCUSDT`. Throws UnsupportedIntervalError for 1s/8h/3d. */
export function klineTopic(market: MarketType, stream: StreamRef): string {
  return `${PREFIX}${toBybitInterval(market, stream.interval)}.${stream.symbol}`;
}

/** The stream of a kline topic, or undefined for any other topic or an unknown interval. */
export function parseKlineTopic(topic: string): StreamRef | undefined {
  if (!topic.startsWith(PREFIX)) return undefined;
  const dot = topic.indexOf('.', PREFIX.length);
  if (dot < 0 || dot === topic.length - 1) return undefined;
  const interval = fromBybitInterval(topic.slice(PREFIX.length, dot));
  if (interval === undefined) return undefined;
  return { symbol: topic.slice(dot + 1), interval };
}
