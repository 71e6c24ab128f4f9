import type { MarketType } from '@ohlcv/core';
import { marketSpec } from './market-specs';

/**
 * Path of a combined-stream connection. Events arrive wrapped `{"stream","data"}`. USDⓈ-M needs the
 * routed `/market` prefix since 2026-04-23: on the un-routed path kline SUBSCRIBEs are acked and
 * then stay silent. The empty `streams=` is how Binance's own connector opens a combined connection
 * before subscribing live (binance-connector-js `prepareURL`).
 */
const STREAM_PATHS: Readonly<Record<MarketType, string>> = {
  spot: '/stream?streams=',
  usdm: '/market/stream?streams=',
  coinm: '/stream?streams=',
};

const KLINES_PATHS: Readonly<Record<MarketType, string>> = {
  spot: '/api/v3/klines',
  usdm: '/fapi/v1/klines',
  coinm: '/dapi/v1/klines',
};

const EXCHANGE_INFO_PATHS: Readonly<Record<MarketType, string>> = {
  spot: '/api/v3/exchangeInfo',
  usdm: '/fapi/v1/exchangeInfo',
  coinm: '/dapi/v1/exchangeInfo',
};

/** `base` without trailing slashes; bases are scheme + host (+ port), e.g. `ws://127.0.0.1:9000`. */
function trimBase(base: string): string {
  let end = base.length;
  while (end > 0 && base.charCodeAt(end - 1) === 47 /* / */) end--;
  return base.slice(0, end);
}

/**
 * WebSocket URL for a connection on `market`. Streams are subscribed with live SUBSCRIBE frames
 * after the connection opens (the engine sends them), so the URL names none: it stays short and a
 * reconnect never depends on URL length limits (~8 KB).
 */
export function binanceConnectUrl(market: MarketType, wsBase: string): string {
  marketSpec(market);
  return trimBase(wsBase) + STREAM_PATHS[market];
}

export function klinesUrl(market: MarketType, restBase: string): string {
  marketSpec(market);
  return trimBase(restBase) + KLINES_PATHS[market];
}

export function exchangeInfoUrl(market: MarketType, restBase: string): string {
  marketSpec(market);
  return trimBase(restBase) + EXCHANGE_INFO_PATHS[market];
}
