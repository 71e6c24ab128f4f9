import type { MarketType } from '@ohlcv/core';

/** Base and quote volume of a futures candle whose volume Gate gives in contracts. */
export interface ContractVolume {
  volume: number;
  quoteVolume: number | undefined;
}

/**
 * Contracts → base volume.
 * - usdm (USDT-settled, linear): base = contracts × contract size (`quanto_multiplier`).
 * - coinm (BTC-settled inverse `BTC_USD`): `quanto_multiplier` is "0", meaning 1 contract = 1 USD, so
 *   quote (USD) volume = contracts and base (BTC) ≈ USD ÷ close. The venue gives no exact BTC
 *   volume; this is an approximation (every trade priced at the close).
 * Returns `undefined` when usdm has no usable contract size.
 */
export function contractVolume(
  market: MarketType,
  contracts: number,
  close: number,
  contractSize: number | undefined,
): ContractVolume | undefined {
  if (market === 'coinm') {
    return { volume: close > 0 ? contracts / close : 0, quoteVolume: contracts };
  }
  if (contractSize === undefined || !(contractSize > 0)) return undefined;
  return { volume: contracts * contractSize, quoteVolume: undefined };
}
