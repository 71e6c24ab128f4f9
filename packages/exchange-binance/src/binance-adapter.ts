import type { VenueAdapter } from '@ohlcv/core';
import { normalizeBinanceSymbol } from './binance-symbols';
import { binanceConnectUrl } from './binance-urls';
import { binanceCandlesRequest } from './candles-request';
import { binanceHttpError } from './http-error';
import { parseBinanceCandleFrame } from './kline-frame-bytes';
import { BINANCE_MARKET_SPECS } from './market-specs';
import { binanceSymbolsRequest, parseBinanceSymbols } from './parse-exchange-info';
import { parseBinanceFrame } from './parse-kline-event';
import { parseBinanceCandles } from './parse-rest-klines';
import { binanceStreamName, binanceSubscribeFrame, binanceUnsubscribeFrame } from './stream-frames';

/**
 * The Binance venue adapter: spot (`api`/`stream.binance.com`), USDⓈ-M futures (`fapi`/`fstream`,
 * routed `/market` path) and COIN-M futures (`dapi`/`dstream`). Pure: no sockets, no timers.
 */
export const binance = {
  specificationVersion: 'v2',
  id: 'binance',
  name: 'Binance',
  markets: BINANCE_MARKET_SPECS,
  connectUrl: (market, wsBase) => binanceConnectUrl(market, wsBase),
  streamName: binanceStreamName,
  subscribe: binanceSubscribeFrame,
  unsubscribe: binanceUnsubscribeFrame,
  parse: parseBinanceFrame,
  parseCandleFrame: parseBinanceCandleFrame,
  candlesRequest: binanceCandlesRequest,
  parseCandles: parseBinanceCandles,
  symbolsRequest: (market, restBase) => binanceSymbolsRequest(market, restBase),
  parseSymbols: parseBinanceSymbols,
  httpError: binanceHttpError,
  normalizeSymbol: normalizeBinanceSymbol,
} as const satisfies VenueAdapter;
