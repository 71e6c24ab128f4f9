import { type MarketType, UnsupportedMarketError } from '@ohlcv/core';

/** Gate futures settle currency per market: `usdm` = USDT-settled, `coinm` = BTC-settled (inverse). */
export type GateSettle = 'usdt' | 'btc';

const SPOT_CANDLES_CHANNEL = 'spot.candlesticks';
const FUTURES_CANDLES_CHANNEL = 'futures.candlesticks';

/** Settle family of a futures market; throws for spot and anything that is not a Gate market. */
export function settleOf(market: MarketType): GateSettle {
  if (market === 'usdm') return 'usdt';
  if (market === 'coinm') return 'btc';
  throw new UnsupportedMarketError('gateio', String(market), 'only usdm and coinm have a settle currency');
}

/** The candlestick channel of a market (`spot.candlesticks` or `futures.candlesticks`). */
export function candlesChannel(market: MarketType): string {
  if (market === 'spot') return SPOT_CANDLES_CHANNEL;
  settleOf(market);
  return FUTURES_CANDLES_CHANNEL;
}

/** The app-level ping channel of a market (`spot.ping` or `futures.ping`). */
export function pingChannel(market: MarketType): string {
  return market === 'spot' ? 'spot.ping' : 'futures.ping';
}

/**
 * Host of the 2025 docs' testnet, whose paths differ from production (`/v4/ws/spot`,
 * `/v4/ws/futures/<settle>`). Every other base (production, CCXT's `fx-ws-testnet`, a local
 * simulator) uses the production paths.
 */
const DOCS_TESTNET_WS_HOST = 'ws-testnet.gate.com';

/** WebSocket path of a market on `wsBase`: spot `/ws/v4/`, futures `/v4/ws/<settle>` (one settle family per socket). */
export function wsPath(market: MarketType, wsBase: string): string {
  const docsTestnet = hostOf(wsBase) === DOCS_TESTNET_WS_HOST;
  if (market === 'spot') return docsTestnet ? '/v4/ws/spot' : '/ws/v4/';
  const settle = settleOf(market);
  return docsTestnet ? `/v4/ws/futures/${settle}` : `/v4/ws/${settle}`;
}

/** REST path of the candlesticks endpoint of a market. */
export function candlesPath(market: MarketType): string {
  return market === 'spot' ? '/api/v4/spot/candlesticks' : `/api/v4/futures/${settleOf(market)}/candlesticks`;
}

/** REST path of the instrument list of a market (all of it in one response: no `limit` is sent). */
export function symbolsPath(market: MarketType): string {
  return market === 'spot' ? '/api/v4/spot/currency_pairs' : `/api/v4/futures/${settleOf(market)}/contracts`;
}

/** `base` without trailing slashes, so `https://x/` + `/api/…` has one slash. */
export function trimBase(base: string): string {
  let end = base.length;
  while (end > 0 && base.charCodeAt(end - 1) === 47) end--;
  return base.slice(0, end);
}

function hostOf(base: string): string | undefined {
  try {
    return new URL(base).hostname;
  } catch {
    return undefined;
  }
}
