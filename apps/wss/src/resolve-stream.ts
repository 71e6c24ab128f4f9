import {
  createVenueRegistry,
  type Feed,
  type Interval,
  OhlcvError,
  parseExchangeId,
  parseInterval,
  parseMarketType,
  parseStreamKey,
  type StreamId,
  streamKey,
  UnsupportedIntervalError,
  UnsupportedMarketError,
  type VenueAdapter,
  type VenueRegistry,
} from '@ohlcv/core';
import type { StreamRequest } from './protocol/client-messages';
import { previewText } from './protocol/describe-value';

export type ResolvedStream =
  | { ok: true; key: string; id: StreamId }
  | { ok: false; code: string; message: string };

/** How a client spelled a stream, for error replies. */
export function describeStreamRequest(request: StreamRequest): string {
  return previewText(
    typeof request === 'string'
      ? request
      : `${request.exchange}:${request.market}:${request.symbol}:${request.interval}`,
    MAX_STREAM_NAME,
  );
}

/** Longest stream name (key, or the parts joined) looked up; longer ones are refused unread. */
const MAX_STREAM_NAME = 160;

function streamNameLength(request: StreamRequest): number {
  return typeof request === 'string'
    ? request.length
    : request.exchange.length + request.market.length + request.symbol.length + request.interval.length + 3;
}

function failure(error: unknown): ResolvedStream {
  if (OhlcvError.isInstance(error)) {
    // A symbol missing from the venue's instruments is what a client calls an unknown symbol.
    return {
      ok: false,
      code: error.code === 'symbol_rejected' ? 'unknown_symbol' : error.code,
      message: error.message,
    };
  }
  return {
    ok: false,
    code: 'internal_error',
    message: error instanceof Error ? error.message : String(error),
  };
}

/**
 * Turns a client's stream (key or object; market aliases; native or unified symbol) into the canonical
 * key with the native symbol, checking exchange, market and interval against the adapters and the
 * symbol against the venue's instruments.
 */
export class StreamResolver {
  readonly #venues: VenueRegistry;

  constructor(
    readonly feed: Feed,
    adapters: readonly VenueAdapter[],
  ) {
    this.#venues = createVenueRegistry(adapters);
  }

  async resolve(request: StreamRequest): Promise<ResolvedStream> {
    let id: StreamId;
    if (streamNameLength(request) > MAX_STREAM_NAME) {
      return {
        ok: false,
        code: 'invalid_stream',
        message: `invalid stream "${describeStreamRequest(request)}": longer than ${MAX_STREAM_NAME} characters`,
      };
    }
    try {
      id =
        typeof request === 'string'
          ? parseStreamKey(request)
          : {
              exchange: parseExchangeId(request.exchange),
              market: parseMarketType(request.market),
              symbol: request.symbol,
              interval: parseInterval(request.interval),
            };
      if (!id.symbol.trim()) {
        throw new OhlcvError(`invalid stream "${describeStreamRequest(request)}": empty symbol`, {
          code: 'invalid_stream',
        });
      }
      const adapter = this.#venues.get(id.exchange);
      if (!adapter) {
        throw new OhlcvError(
          `exchange "${id.exchange}" is not served here: expected one of ${this.#venues.describe()}`,
          { code: 'unknown_exchange' },
        );
      }
      id = { ...id, exchange: adapter.id };
      const spec = adapter.markets[id.market];
      if (!spec)
        throw new UnsupportedMarketError(id.exchange, id.market, adapter.unsupportedMarkets?.[id.market]);
      if (spec.intervals[id.interval] === undefined) {
        throw new UnsupportedIntervalError(
          id.interval,
          Object.keys(spec.intervals) as Interval[],
          `${id.exchange} ${id.market}`,
        );
      }
    } catch (error) {
      return failure(error);
    }
    try {
      const symbol = await this.feed.resolveSymbol(id.exchange, id.market, id.symbol);
      const canonical = { ...id, symbol };
      return { ok: true, key: streamKey(canonical), id: canonical };
    } catch (error) {
      return failure(error);
    }
  }
}
