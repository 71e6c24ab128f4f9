import type { ExchangeId, MarketType } from './candle';
import { OhlcvError } from './errors';
import { type Interval, parseInterval } from './interval';
import { parseExchangeId, parseMarketType } from './market';

/** Identifies one candle stream. `symbol` is the venue's native symbol. */
export interface StreamId {
  exchange: ExchangeId;
  market: MarketType;
  symbol: string;
  interval: Interval;
}

/** `exchange:market:symbol:interval`, e.g. `binance:spot:BTCUSDT:1m`. */
export function streamKey(id: StreamId): string {
  return `${id.exchange}:${id.market}:${id.symbol}:${id.interval}`;
}

/**
 * Parses `exchange:market:symbol:interval` (market aliases allowed). The symbol may itself contain
 * `:` (e.g. unified `BTC/USDT:USDT` or Hyperliquid `xyz:XYZ100`): the interval is the last part.
 * The symbol is returned as given; resolve it with the venue adapter.
 */
export function parseStreamKey(key: string): StreamId {
  const parts = key.split(':');
  if (parts.length < 4) {
    throw new OhlcvError(`invalid stream key "${key}": expected exchange:market:symbol:interval`, {
      code: 'invalid_stream',
    });
  }
  const exchange = parseExchangeId(parts[0]!);
  const market = parseMarketType(parts[1]!);
  const interval = parseInterval(parts[parts.length - 1]!);
  const symbol = parts.slice(2, -1).join(':');
  if (!symbol) throw new OhlcvError(`invalid stream key "${key}": empty symbol`, { code: 'invalid_stream' });
  return { exchange, market, symbol, interval };
}
