import type { VenueAdapter } from '@ohlcv/core';
import { parseOkxCandleFrame } from './candle-frame-bytes';
import { okxCandlesRequest } from './candles-request';
import { okxHttpError } from './http-error';
import { OKX_MARKET_SPECS } from './market-specs';
import { normalizeOkxSymbol } from './okx-symbols';
import { parseOkxCandles } from './parse-candles';
import { parseOkxFrame } from './parse-frame';
import { okxConnectUrl, okxStreamName, okxSubscribeFrame, okxUnsubscribeFrame } from './subscribe-frames';
import { okxSymbolsRequest, parseOkxSymbols } from './symbols';

export interface OkxAdapterOptions {
  /**
   * Trust the engine's clock (the `now` it passes to `candlesRequest`) to be close to OKX's, e.g. the
   * system clock on an NTP-synced host. Then windows within the latest ~1,200 bars use
   * `/market/candles` (twice the rate of `history-candles`). Off (the default): every window uses
   * `history-candles`, which always has the data. The adapter itself never reads a clock.
   */
  trustClock?: boolean;
}

/**
 * An OKX v5 adapter: SPOT (spot), linear SWAP/FUTURES (usdm) and inverse SWAP/FUTURES (coinm), all
 * streaming candles on `/ws/v5/business`. Pure: no sockets, no timers.
 */
export function createOkxAdapter(options: OkxAdapterOptions = {}): VenueAdapter {
  const trustClock = options.trustClock === true;
  return {
    specificationVersion: 'v2',
    id: 'okx',
    name: 'OKX',
    markets: OKX_MARKET_SPECS,
    connectUrl: (market, wsBase) => okxConnectUrl(market, wsBase),
    streamName: okxStreamName,
    subscribe: okxSubscribeFrame,
    unsubscribe: okxUnsubscribeFrame,
    parse: parseOkxFrame,
    parseCandleFrame: parseOkxCandleFrame,
    candlesRequest: (market, restBase, query, now) =>
      okxCandlesRequest(market, restBase, query, trustClock ? now : undefined),
    parseCandles: parseOkxCandles,
    symbolsRequest: okxSymbolsRequest,
    parseSymbols: parseOkxSymbols,
    httpError: okxHttpError,
    normalizeSymbol: normalizeOkxSymbol,
  };
}

/** The OKX adapter with every REST window on `history-candles` (no venue clock needed). */
export const okx: VenueAdapter = createOkxAdapter();
