import type { VenueAdapter } from '@ohlcv/core';
import { bybitCategory } from './bybit-category';
import { bybitHttpError } from './bybit-errors';
import { BYBIT_MARKET_SPECS } from './bybit-market-specs';
import { candlesRequest, trimBase } from './candles-request';
import { parseBybitCandleFrame } from './kline-frame-bytes';
import { klineTopic } from './kline-topic';
import { normalizeSymbol } from './normalize-symbol';
import { parseCandles } from './parse-candles';
import { parseFrame } from './parse-frame';
import { parseSymbols } from './parse-symbols';
import { subscribeFrame, unsubscribeFrame } from './subscribe-frames';
import { symbolsRequest } from './symbols-request';

/**
 * Bybit v5: spot, linear (`usdm`) and inverse (`coinm`), one WebSocket path per category
 * (`/v5/public/{spot|linear|inverse}`), candles on `kline.{interval}.{symbol}`.
 */
export const bybit: VenueAdapter = {
  specificationVersion: 'v2',
  id: 'bybit',
  name: 'Bybit',
  markets: BYBIT_MARKET_SPECS,
  connectUrl: (market, wsBase) => `${trimBase(wsBase)}/v5/public/${bybitCategory(market)}`,
  streamName: klineTopic,
  subscribe: subscribeFrame,
  unsubscribe: unsubscribeFrame,
  parse: (market, frame) => parseFrame(market, frame),
  parseCandleFrame: parseBybitCandleFrame,
  candlesRequest,
  parseCandles: (market, query, response) => parseCandles(market, query, response),
  symbolsRequest,
  parseSymbols,
  httpError: bybitHttpError,
  normalizeSymbol,
};
