import type { VenueAdapter } from '@ohlcv/core';
import { parseToyFrame, toyRequestFrame } from './toy-frames';
import { TOY_SPOT, toyTopic } from './toy-market-spec';
import {
  normalizeToySymbol,
  parseToyCandles,
  parseToySymbols,
  toyCandlesRequest,
  toySymbolsRequest,
} from './toy-rest';

/** The toy venue: one `spot` market, declared entirely in this package (core names it nowhere). */
export const toy: VenueAdapter = {
  specificationVersion: 'v2',
  id: 'toy',
  name: 'Toy',
  aliases: ['toy.venue'],
  markets: { spot: TOY_SPOT, usdm: undefined, coinm: undefined },
  unsupportedMarkets: {
    usdm: 'the toy venue lists no derivatives',
    coinm: 'the toy venue lists no derivatives',
  },
  connectUrl: (_market, wsBase) => `${wsBase.replace(/\/+$/, '')}/stream`,
  streamName: (_market, stream) => toyTopic(stream),
  subscribe: (_market, streams, requestId, now) => toyRequestFrame('sub', streams, requestId, now),
  unsubscribe: (_market, streams, requestId, now) => toyRequestFrame('unsub', streams, requestId, now),
  parse: parseToyFrame,
  candlesRequest: toyCandlesRequest,
  parseCandles: parseToyCandles,
  symbolsRequest: toySymbolsRequest,
  parseSymbols: parseToySymbols,
  normalizeSymbol: normalizeToySymbol,
};
