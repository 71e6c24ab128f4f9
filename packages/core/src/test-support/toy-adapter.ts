import type { Candle, ExchangeId, MarketType } from '../candle';
import { OhlcvError, VenueHttpError } from '../errors';
import { type Interval, intervalMs } from '../interval';
import type {
  CandlesQuery,
  HttpResponse,
  MarketSpec,
  StreamRef,
  SymbolInfo,
  VenueAdapter,
  VenueEvent,
} from '../venue-adapter';

/**
 * A toy venue for the engine's tests: a small JSON protocol spoken by {@link startToyVenue}.
 *
 * - WS `<base>/ws`; frames `{"op":"subscribe"|"unsubscribe","id":1,"args":["BTCUSDT@1m"]}`, `{"op":"ping"}`.
 * - Venue frames: `{"op":"ack","id":1,"args":[…]}`, `{"op":"unsubscribed","id":1}`,
 *   `{"op":"error","id":1,"message":"…","args"?:[…]}`, `{"op":"pong"}`, `{"op":"reconnect","reason":"…"}`,
 *   kline pushes `{"topic":"BTCUSDT@1m","k":{"t":…,"o":"1","h":"1","l":"1","c":"1","v":"1","x":true}}`.
 * - REST `GET /candles?symbol&interval&start&end&limit` → `[[t,o,h,l,c,v,closed],…]`;
 *   `GET /symbols?cursor` → `{"symbols":[{"symbol","base","quote"}],"next"?}`.
 */
export interface ToyAdapterOptions {
  id?: ExchangeId;
  /** Changes to the spot spec (shallow per section). */
  spec?: {
    ws?: Partial<MarketSpec['ws']>;
    candles?: Partial<MarketSpec['candles']>;
    rest?: Partial<MarketSpec['rest']>;
  };
}

export const TOY_INTERVALS: Partial<Record<Interval, string>> = {
  '1s': '1s',
  '1m': '1m',
  '5m': '5m',
  '1h': '1h',
};

export function toyMarketSpec(overrides: ToyAdapterOptions['spec'] = {}): MarketSpec {
  return {
    endpoints: { prod: { ws: 'ws://toy.invalid', rest: 'http://toy.invalid' } },
    intervals: TOY_INTERVALS,
    ws: {
      maxStreamsPerConnection: 50,
      maxStreamsPerRequest: 10,
      controlRate: { messages: 50, perMs: 1_000 },
      inactivityTimeoutMs: 30_000,
      rejectScope: 'stream',
      ...overrides.ws,
    },
    candles: {
      closeDetection: 'flag',
      stallTimeoutMs: 10_000,
      emptyIntervals: 'present',
      ...overrides.candles,
    },
    rest: { maxCandlesPerRequest: 5, rateLimit: { weight: 1_000, perMs: 1_000 }, ...overrides.rest },
  };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function parseStreamName(name: unknown): StreamRef | undefined {
  if (typeof name !== 'string') return undefined;
  const [symbol, interval] = name.split('@');
  if (!symbol || !interval) return undefined;
  const entry = Object.entries(TOY_INTERVALS).find(([, id]) => id === interval);
  return entry ? { symbol, interval: entry[0] as Interval } : undefined;
}

function streamsOf(value: unknown): StreamRef[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const streams: StreamRef[] = [];
  for (const name of value) {
    const stream = parseStreamName(name);
    if (stream) streams.push(stream);
  }
  return streams;
}

export function createToyAdapter(options: ToyAdapterOptions = {}): VenueAdapter {
  const id = options.id ?? 'binance';
  const spot = toyMarketSpec(options.spec);
  const markets: Record<MarketType, MarketSpec | undefined> = {
    spot,
    usdm: toyMarketSpec(options.spec),
    coinm: undefined,
  };
  const closeDetection = spot.candles.closeDetection;

  function streamName(_market: MarketType, stream: StreamRef): string {
    return `${stream.symbol}@${TOY_INTERVALS[stream.interval] ?? stream.interval}`;
  }

  function frame(op: string, market: MarketType, streams: readonly StreamRef[], requestId: number): string {
    return JSON.stringify({ op, id: requestId, args: streams.map((stream) => streamName(market, stream)) });
  }

  function candleOf(
    market: MarketType,
    stream: StreamRef,
    k: Record<string, unknown>,
    closedFlag: boolean,
  ): Candle | undefined {
    const openTime = Number(k.t);
    if (!Number.isFinite(openTime)) return undefined;
    const closeTime = Number(k.T);
    return {
      exchange: id,
      market,
      symbol: stream.symbol,
      interval: stream.interval,
      openTime,
      closeTime,
      open: Number(k.o),
      high: Number(k.h),
      low: Number(k.l),
      close: Number(k.c),
      volume: Number(k.v),
      closed: closedFlag,
    };
  }

  return {
    specificationVersion: 'v2',
    id,
    name: `Toy ${id}`,
    markets,
    unsupportedMarkets: { coinm: 'the toy venue has no inverse contracts' },
    connectUrl: (_market, wsBase) => `${wsBase}/ws`,
    streamName,
    subscribe: (market, streams, requestId) => frame('subscribe', market, streams, requestId),
    unsubscribe: (market, streams, requestId) => frame('unsubscribe', market, streams, requestId),
    parse(market, text): VenueEvent[] {
      let message: Record<string, unknown> | undefined;
      try {
        message = record(JSON.parse(text));
      } catch {
        return [{ type: 'error', message: `malformed frame: ${text.slice(0, 80)}` }];
      }
      if (!message) return [{ type: 'ignore' }];
      const requestId = typeof message.id === 'number' ? message.id : undefined;
      switch (message.op) {
        case 'ack':
          return [
            {
              type: 'subscribed',
              ...(requestId === undefined ? {} : { requestId }),
              ...optionalStreams(message.args),
            },
          ];
        case 'unsubscribed':
          return [{ type: 'unsubscribed', ...(requestId === undefined ? {} : { requestId }) }];
        case 'error':
          return [
            {
              type: 'rejected',
              message: String(message.message),
              ...(requestId === undefined ? {} : { requestId }),
              ...optionalStreams(message.args),
            },
          ];
        case 'pong':
          return [{ type: 'pong' }];
        case 'reconnect':
          return [{ type: 'reconnect', reason: String(message.reason) }];
      }
      const stream = parseStreamName(message.topic);
      const k = record(message.k);
      if (stream && k) {
        const candle = candleOf(market, stream, k, closeDetection === 'flag' && k.x === true);
        if (candle) return [{ type: 'candle', candle }];
      }
      return [{ type: 'error', message: `unexpected frame: ${text.slice(0, 80)}` }];
    },
    candlesRequest: (_market, restBase, query: CandlesQuery) => ({
      method: 'GET',
      url: `${restBase}/candles?symbol=${query.symbol}&interval=${TOY_INTERVALS[query.interval]}&start=${query.startTime}&end=${query.endTime}&limit=${query.limit}`,
    }),
    parseCandles(market, query, response: HttpResponse): Candle[] {
      const rows: unknown = JSON.parse(response.body);
      if (!Array.isArray(rows))
        throw new VenueHttpError({
          url: response.url,
          status: response.status,
          body: response.body,
          retryable: false,
        });
      return rows.map((row: unknown) => {
        const cells = row as [number, string, string, string, string, string, boolean];
        return {
          exchange: id,
          market,
          symbol: query.symbol,
          interval: query.interval,
          openTime: cells[0],
          closeTime: cells[0] + intervalMs(query.interval) - 1,
          open: Number(cells[1]),
          high: Number(cells[2]),
          low: Number(cells[3]),
          close: Number(cells[4]),
          volume: Number(cells[5]),
          closed: cells[6],
        };
      });
    },
    symbolsRequest: (_market, restBase, cursor) => ({
      method: 'GET',
      url: `${restBase}/symbols${cursor ? `?cursor=${cursor}` : ''}`,
    }),
    parseSymbols(market, response) {
      const body = record(JSON.parse(response.body));
      const list = Array.isArray(body?.symbols) ? body.symbols : [];
      const symbols: SymbolInfo[] = list.map((item: unknown) => {
        const entry = record(item) ?? {};
        const base = String(entry.base);
        const quote = String(entry.quote);
        return {
          symbol: String(entry.symbol),
          unified: market === 'spot' ? `${base}/${quote}` : `${base}/${quote}:${quote}`,
          base,
          quote,
          market,
          status: 'TRADING',
          active: true,
        };
      });
      return typeof body?.next === 'string' ? { symbols, next: body.next } : { symbols };
    },
    normalizeSymbol(_market, input) {
      const native = input.split(':')[0]!.replace(/[/-]/g, '').toUpperCase();
      if (!/^[A-Z0-9]+$/.test(native)) {
        throw new OhlcvError(
          `"${input}" cannot be a toy symbol: expected letters and digits like BTCUSDT or BTC/USDT`,
          {
            code: 'invalid_symbol',
          },
        );
      }
      return native;
    },
  };
}

function optionalStreams(value: unknown): { streams?: StreamRef[] } {
  const streams = streamsOf(value);
  return streams && streams.length > 0 ? { streams } : {};
}
