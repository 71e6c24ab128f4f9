import type { ExchangeId, MarketType } from '@ohlcv/core';

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
