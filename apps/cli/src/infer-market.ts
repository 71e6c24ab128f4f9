import type { ExchangeId, MarketType } from '@ohlcv/core';
import { UsageError } from './usage-error';

/** The market one symbol names unambiguously, if it does. */
function marketOf(exchange: ExchangeId, symbol: string): MarketType | undefined {
  const upper = symbol.trim().toUpperCase();
  // Unified derivatives: BASE/QUOTE:SETTLE — settled in the quote is linear, in the base inverse.
  const unified = /^([A-Z0-9]+)\/([A-Z0-9]+):([A-Z0-9]+)$/.exec(upper);
  if (unified) return unified[3] === unified[1] ? 'coinm' : 'usdm';
  if (exchange === 'okx') {
    const parts = upper.split('-');
    if (parts.length === 3 && parts[2] === 'SWAP') return parts[1] === 'USD' ? 'coinm' : 'usdm';
  }
  if (exchange === 'binance' && /^[A-Z0-9]+USD_(PERP|\d{6})$/.test(upper)) return 'coinm';
  return undefined;
}

/**
 * The market the symbols imply when --market is not given: OKX `BTC-USDT-SWAP` (usdm) and
 * `BTC-USD-SWAP` (coinm), Binance `BTCUSD_PERP` (coinm), unified `BTC/USDT:USDT` (usdm) and
 * `BTC/USD:BTC` (coinm). Undefined unless every symbol names the same market.
 */
export function inferMarket(exchange: ExchangeId, symbols: readonly string[]): MarketType | undefined {
  const markets = new Set(symbols.map((symbol) => marketOf(exchange, symbol)));
  if (markets.size !== 1) return undefined;
  return [...markets][0];
}

/**
 * The market to use: the one given, else the one the symbols imply, else spot. A derivative symbol
 * (`BTC/USDT:USDT`, `BTC-USDT-SWAP`, `BTCUSD_PERP`) on spot is refused with the market to use instead,
 * before anything is asked of the venue.
 */
export function marketFor(
  exchange: ExchangeId,
  given: MarketType | undefined,
  symbols: readonly string[],
): MarketType {
  const market = given ?? inferMarket(exchange, symbols) ?? 'spot';
  if (market !== 'spot') return market;
  for (const symbol of symbols) {
    const implied = marketOf(exchange, symbol);
    if (implied === undefined) continue;
    const kind =
      implied === 'usdm' ? 'a linear (USDⓈ-margined) contract' : 'an inverse (coin-margined) contract';
    throw new UsageError(
      `${symbol} is ${kind}, not a ${exchange} spot symbol${given === undefined ? ' (the market defaults to spot)' : ''}`,
      `add --market ${implied}`,
    );
  }
  return market;
}
