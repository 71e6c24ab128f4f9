import type { VenueAdapter } from '@ohlcv/core';
import { candlesRequest } from './candles-request';
import { httpError } from './http-error';
import { trimBase, wsPath } from './market-paths';
import { GATEIO_MARKET_SPECS } from './market-specs';
import { normalizeSymbol } from './normalize-symbol';
import { parseCandles } from './parse-candles';
import { parseFrame } from './parse-frame';
import { streamName, subscribeFrame, unsubscribeFrame } from './subscribe-frames';
import { parseSymbols, symbolsRequest } from './symbols';

/**
 * Gate.io API v4: `spot`, `usdm` (futures settled in USDT) and `coinm` (futures settled in BTC,
 * inverse `BTC_USD`). One settle family per futures socket; one stream per subscribe frame.
 */
export const gateio: VenueAdapter = {
  specificationVersion: 'v2',
  id: 'gateio',
  name: 'Gate',
  aliases: ['gate', 'gate.io'],
  markets: GATEIO_MARKET_SPECS,
  connectUrl: (market, wsBase) => `${trimBase(wsBase)}${wsPath(market, wsBase)}`,
  streamName,
  subscribe: subscribeFrame,
  unsubscribe: unsubscribeFrame,
  parse: parseFrame,
  candlesRequest,
  parseCandles,
  symbolsRequest,
  parseSymbols,
  httpError,
  normalizeSymbol,
};
