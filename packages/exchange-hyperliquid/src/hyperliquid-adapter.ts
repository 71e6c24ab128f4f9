import type { MarketType, StreamRef, VenueAdapter } from '@ohlcv/core';
import { hyperliquidCandlesRequest } from './candles-request';
import { hyperliquidHttpError } from './http-error';
import { hyperliquidWsUrl } from './hyperliquid-urls';
import { hyperliquidSymbolsRequest, parseHyperliquidSymbols } from './instruments';
import { COINM_UNSUPPORTED_REASON, HYPERLIQUID_MARKET_SPECS, marketSpec } from './market-specs';
import { normalizeHyperliquidSymbol } from './normalize-symbol';
import { parseHyperliquidCandles } from './parse-candles';
import { parseHyperliquidFrame } from './parse-frame';
import {
  hyperliquidStreamName,
  hyperliquidSubscribeFrame,
  hyperliquidUnsubscribeFrame,
} from './subscription-frames';

/**
 * Hyperliquid: `usdm` = USDC-margined perpetuals (first perp dex), `spot` = spot pairs (`PURR/USDC`,
 * `@N`). No coin-margined market. Both markets share one venue, one `/ws` path and one `/info`.
 */
export const hyperliquid: VenueAdapter = {
  specificationVersion: 'v2',
  id: 'hyperliquid',
  name: 'Hyperliquid',
  markets: HYPERLIQUID_MARKET_SPECS,
  unsupportedMarkets: { coinm: COINM_UNSUPPORTED_REASON },

  connectUrl(market: MarketType, wsBase: string, _streams: readonly StreamRef[]): string {
    marketSpec(market);
    return hyperliquidWsUrl(wsBase);
  },
  streamName: hyperliquidStreamName,
  subscribe: (market, streams) => hyperliquidSubscribeFrame(market, streams),
  unsubscribe: (market, streams) => hyperliquidUnsubscribeFrame(market, streams),
  parse: (market, frame) => parseHyperliquidFrame(market, frame),

  candlesRequest: hyperliquidCandlesRequest,
  parseCandles: (market, query, response) => parseHyperliquidCandles(market, query, response),
  symbolsRequest: (market, restBase) => hyperliquidSymbolsRequest(market, restBase),
  parseSymbols: parseHyperliquidSymbols,
  httpError: hyperliquidHttpError,
  normalizeSymbol: normalizeHyperliquidSymbol,
};
