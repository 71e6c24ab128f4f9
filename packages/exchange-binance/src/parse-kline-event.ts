import {
  type Candle,
  type InstrumentIndex,
  isFiniteOhlcv,
  type MarketType,
  type VenueEvent,
} from '@ohlcv/core';
import { intervalFromBinance } from './binance-interval';
import { contractSizeOf, decimal, integer, isRecord } from './venue-values';

const SNIPPET_LENGTH = 120;

function snippet(frame: string): string {
  return frame.length > SNIPPET_LENGTH ? `${frame.slice(0, SNIPPET_LENGTH)}…` : frame;
}

function errorEvent(market: MarketType, message: string, frame: string): VenueEvent[] {
  return [{ type: 'error', message: `binance ${market}: ${message}: ${snippet(frame)}` }];
}

/**
 * Candle of a kline payload `{"e":"kline","s":…,"k":{…}}`, or a message saying what is wrong.
 * Volume is base-asset volume on every market: spot/USDⓈ-M `k.v` (base) and `k.q` (quote); COIN-M
 * `k.v` is contracts and `k.q` base, so volume = `k.q` and quoteVolume (USD) = contracts × contractSize.
 */
export function klineCandle(
  market: MarketType,
  payload: Record<string, unknown>,
  instruments: InstrumentIndex | undefined,
): Candle | string {
  const kline = payload.k;
  if (!isRecord(kline)) return 'kline event without "k"';
  const symbol = typeof kline.s === 'string' ? kline.s : payload.s;
  if (typeof symbol !== 'string' || symbol.length === 0) return 'kline event without symbol';
  const intervalId = kline.i;
  const interval = typeof intervalId === 'string' ? intervalFromBinance(market, intervalId) : undefined;
  if (interval === undefined) return `kline ${symbol} with unknown interval ${String(intervalId)}`;
  const openTime = integer(kline.t);
  const closeTime = integer(kline.T);
  const open = decimal(kline.o);
  const high = decimal(kline.h);
  const low = decimal(kline.l);
  const close = decimal(kline.c);
  const contracts = market === 'coinm' ? decimal(kline.v) : Number.NaN;
  const volume = market === 'coinm' ? decimal(kline.q) : decimal(kline.v);
  const quoteVolume = market === 'coinm' ? Number.NaN : decimal(kline.q);
  const trades = integer(kline.n);
  const closed = kline.x;
  if (
    Number.isNaN(openTime) ||
    Number.isNaN(closeTime) ||
    !isFiniteOhlcv(open, high, low, close, volume) ||
    typeof closed !== 'boolean'
  ) {
    return `kline ${symbol} ${interval} with missing or invalid fields`;
  }
  const candle: Candle = {
    exchange: 'binance',
    market,
    symbol,
    interval,
    openTime,
    closeTime,
    open,
    high,
    low,
    close,
    volume,
    closed,
  };
  if (market === 'coinm') {
    const contractSize = contractSizeOf(instruments, symbol);
    if (contractSize !== undefined && Number.isFinite(contracts))
      candle.quoteVolume = contracts * contractSize;
  } else if (Number.isFinite(quoteVolume)) {
    candle.quoteVolume = quoteVolume;
  }
  if (!Number.isNaN(trades)) candle.trades = trades;
  return candle;
}

function controlResponse(market: MarketType, message: Record<string, unknown>, frame: string): VenueEvent[] {
  const id = message.id;
  const requestId = typeof id === 'number' ? id : undefined;
  if ('result' in message) {
    // `{"result":null,"id":N}` acks SUBSCRIBE and UNSUBSCRIBE alike; the engine knows which from the id.
    if (message.result === null && requestId !== undefined) return [{ type: 'subscribed', requestId }];
    return [{ type: 'ignore' }];
  }
  const failure = isRecord(message.error) ? message.error : message;
  const code = failure.code;
  const text = failure.msg;
  if ((typeof code === 'number' || typeof code === 'string') && typeof text === 'string') {
    const venueCode = String(code);
    // Code 4 "Too many subscriptions": the request's streams were refused (the venue then closes 1008).
    if (venueCode === '4' && requestId !== undefined) {
      return [{ type: 'rejected', requestId, message: text, code: venueCode }];
    }
    return requestId === undefined
      ? [{ type: 'error', message: `binance ${market}: ${text}`, code: venueCode }]
      : [{ type: 'error', message: `binance ${market}: ${text}`, code: venueCode, requestId }];
  }
  return errorEvent(market, 'unrecognized message', frame);
}

/**
 * Translates one frame of a combined-stream connection (`{"stream","data"}`), or a raw event.
 * Never throws: malformed frames become `error` events.
 */
export function parseBinanceFrame(
  market: MarketType,
  frame: string,
  instruments?: InstrumentIndex,
): VenueEvent[] {
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    return errorEvent(market, 'frame is not JSON', frame);
  }
  if (!isRecord(message)) return errorEvent(market, 'frame is not a JSON object', frame);
  const data = message.data;
  const payload = typeof message.stream === 'string' && isRecord(data) ? data : message;
  const eventType = payload.e;
  if (eventType === 'kline') {
    const candle = klineCandle(market, payload, instruments);
    return typeof candle === 'string' ? errorEvent(market, candle, frame) : [{ type: 'candle', candle }];
  }
  if (eventType === 'serverShutdown') {
    return [{ type: 'reconnect', reason: `binance ${market} server shutdown announced (serverShutdown)` }];
  }
  if (eventType !== undefined || payload !== message) return [{ type: 'ignore' }];
  return controlResponse(market, message, frame);
}
