/**
 * A venue's id, declared by its adapter (`VenueAdapter.id`, e.g. `binance`): lower-case letters and
 * digits, optionally joined by `.`, `_` or `-`. Core names no venue; the installed adapters, gathered
 * in a {@link import('./venue-registry').VenueRegistry}, are the venue set.
 */
export type ExchangeId = string;

/** Canonical market names: spot, linear (USDT/USDC-margined) and inverse (coin-margined) derivatives. */
export type MarketType = 'spot' | 'usdm' | 'coinm';

export const MARKET_TYPES: readonly MarketType[] = ['spot', 'usdm', 'coinm'];

/** One normalized OHLCV candle. */
export interface Candle {
  exchange: ExchangeId;
  market: MarketType;
  /** The venue's native symbol: BTCUSDT, BTC-USDT-SWAP, BTC_USDT, BTC, PURR/USDC. */
  symbol: string;
  interval: import('./interval').Interval;
  /** ms since epoch, UTC, start of the candle. */
  openTime: number;
  /** ms since epoch, openTime + interval length - 1. */
  closeTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Base-asset volume (or contracts where the venue gives only that; the adapter README says so). */
  volume: number;
  quoteVolume?: number;
  trades?: number;
  /** True once the candle is final. */
  closed: boolean;
}
