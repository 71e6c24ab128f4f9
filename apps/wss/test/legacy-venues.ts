/**
 * The older Python connector's own test scripts (its test/*.py, legacy-python-connector.md §8), one per
 * venue-market, and the simulators that play those venues for the built server.
 */
import type { ExchangeId, MarketType } from '@ohlcv/core';
import { startSimulatedVenue, type VenueSimulator } from '@ohlcv/testkit';

const CADENCE_MS = 20_000;

export interface LegacyScript {
  name: string;
  /** The simulator (venue-market) it talks to. */
  venue: `${ExchangeId}:${MarketType}`;
  subscribe: { exchange: string; contract_type?: string; symbols: string[] };
  /** What its quotes carry: the venue's symbol and the resolved contract type. */
  quote: { symbol: string; contract_type: string };
}

export const LEGACY_SCRIPTS: readonly LegacyScript[] = [
  {
    name: 'test_binance_btc_spot',
    venue: 'binance:spot',
    subscribe: { exchange: 'binance', contract_type: 'spot', symbols: ['BTCUSDT'] },
    quote: { symbol: 'BTCUSDT', contract_type: 'spot' },
  },
  {
    name: 'test_binance_btc_um',
    venue: 'binance:usdm',
    subscribe: { exchange: 'binance', contract_type: 'usdm', symbols: ['BTCUSDT'] },
    quote: { symbol: 'BTCUSDT', contract_type: 'usdm' },
  },
  {
    name: 'test_binance_btc_cm',
    venue: 'binance:coinm',
    subscribe: { exchange: 'binance', contract_type: 'coinm', symbols: ['BTCUSD_PERP'] },
    quote: { symbol: 'BTCUSD_PERP', contract_type: 'coinm' },
  },
  {
    name: 'test_okx_btc_spot',
    venue: 'okx:spot',
    subscribe: { exchange: 'okx', contract_type: 'spot', symbols: ['BTC-USDT'] },
    quote: { symbol: 'BTC-USDT', contract_type: 'spot' },
  },
  {
    name: 'test_okx_btc_swap',
    venue: 'okx:usdm',
    subscribe: { exchange: 'okx', contract_type: 'swap', symbols: ['BTC-USDT-SWAP'] },
    quote: { symbol: 'BTC-USDT-SWAP', contract_type: 'swap' },
  },
  {
    name: 'test_okx_btc_swap_coinm',
    venue: 'okx:coinm',
    subscribe: { exchange: 'okx', contract_type: 'swap', symbols: ['BTC-USD-SWAP'] },
    quote: { symbol: 'BTC-USD-SWAP', contract_type: 'swap' },
  },
  {
    name: 'run_all okx swap_coinm batch',
    venue: 'okx:coinm',
    subscribe: { exchange: 'okx', contract_type: 'swap_coinm', symbols: ['BTC-USD-SWAP'] },
    quote: { symbol: 'BTC-USD-SWAP', contract_type: 'swap_coinm' },
  },
  {
    name: 'test_bybit_btc_spot',
    venue: 'bybit:spot',
    subscribe: { exchange: 'bybit', contract_type: 'spot', symbols: ['BTCUSDT'] },
    quote: { symbol: 'BTCUSDT', contract_type: 'spot' },
  },
  {
    name: 'test_bybit_btc_linear',
    venue: 'bybit:usdm',
    subscribe: { exchange: 'bybit', contract_type: 'linear', symbols: ['BTCUSDT'] },
    quote: { symbol: 'BTCUSDT', contract_type: 'linear' },
  },
  {
    name: 'test_bybit_btc_inverse',
    venue: 'bybit:coinm',
    subscribe: { exchange: 'bybit', contract_type: 'inverse', symbols: ['BTCUSD'] },
    quote: { symbol: 'BTCUSD', contract_type: 'inverse' },
  },
  {
    name: 'test_gateio_btc_spot',
    venue: 'gateio:spot',
    subscribe: { exchange: 'gateio', contract_type: 'spot', symbols: ['BTC_USDT'] },
    quote: { symbol: 'BTC_USDT', contract_type: 'spot' },
  },
  {
    name: 'test_gateio_btc_um',
    venue: 'gateio:usdm',
    subscribe: { exchange: 'gateio', contract_type: 'um', symbols: ['BTC_USDT'] },
    quote: { symbol: 'BTC_USDT', contract_type: 'um' },
  },
  {
    name: 'test_gateio_btc_cm',
    venue: 'gateio:coinm',
    subscribe: { exchange: 'gateio', contract_type: 'cm', symbols: ['BTC_USD'] },
    quote: { symbol: 'BTC_USD', contract_type: 'cm' },
  },
  {
    name: 'test_hyperliquid_btc_usdm',
    venue: 'hyperliquid:usdm',
    subscribe: { exchange: 'hyperliquid', contract_type: 'usdm', symbols: ['BTC-USDC-SWAP'] },
    quote: { symbol: 'BTC', contract_type: 'usdm' },
  },
  {
    name: 'test_hyperliquid_btc_coinm',
    venue: 'hyperliquid:usdm',
    subscribe: { exchange: 'hyperliquid', contract_type: 'coinm', symbols: ['BTC-USD-SWAP'] },
    quote: { symbol: 'BTC', contract_type: 'coinm' },
  },
  {
    name: 'test_hyperliquid_purr_spot',
    venue: 'hyperliquid:spot',
    subscribe: { exchange: 'hyperliquid', contract_type: 'spot', symbols: ['PURR-USDC'] },
    quote: { symbol: 'PURR/USDC', contract_type: 'spot' },
  },
  // contract_type left out: the per-exchange defaults.
  {
    name: 'bybit default contract_type',
    venue: 'bybit:spot',
    subscribe: { exchange: 'bybit', symbols: ['ETHUSDT'] },
    quote: { symbol: 'ETHUSDT', contract_type: 'spot' },
  },
  {
    name: 'gateio default contract_type',
    venue: 'gateio:spot',
    subscribe: { exchange: 'gateio', symbols: ['ETH_USDT'] },
    quote: { symbol: 'ETH_USDT', contract_type: 'spot' },
  },
  {
    name: 'hyperliquid default contract_type',
    venue: 'hyperliquid:usdm',
    subscribe: { exchange: 'hyperliquid', symbols: ['ETH'] },
    quote: { symbol: 'ETH', contract_type: 'usdm' },
  },
  {
    name: 'okx without contract_type (market from the symbol)',
    venue: 'okx:usdm',
    subscribe: { exchange: 'okx', symbols: ['ETH-USDT-SWAP'] },
    quote: { symbol: 'ETH-USDT-SWAP', contract_type: '' },
  },
  {
    name: 'usd-m alias',
    venue: 'bybit:usdm',
    subscribe: { exchange: 'bybit', contract_type: 'usd-m', symbols: ['ETHUSDT'] },
    quote: { symbol: 'ETHUSDT', contract_type: 'linear' },
  },
  {
    name: 'coin-m alias',
    venue: 'gateio:coinm',
    subscribe: { exchange: 'gateio', contract_type: 'coin-m', symbols: ['BTC_USD'] },
    quote: { symbol: 'BTC_USD', contract_type: 'cm' },
  },
];

export const LEGACY_VENUES: ReadonlyArray<`${ExchangeId}:${MarketType}`> = [
  'binance:spot',
  'binance:usdm',
  'binance:coinm',
  'okx:spot',
  'okx:usdm',
  'okx:coinm',
  'bybit:spot',
  'bybit:usdm',
  'bybit:coinm',
  'gateio:spot',
  'gateio:usdm',
  'gateio:coinm',
  'hyperliquid:spot',
  'hyperliquid:usdm',
];

export function startVenue(venue: `${ExchangeId}:${MarketType}`): Promise<VenueSimulator> {
  return startSimulatedVenue(venue, { pushCadenceMs: CADENCE_MS });
}

/** Points the server's venue-market at its simulator. */
export function venueEnv(
  venue: string,
  simulator: { wsBase: string; restBase: string },
): Record<string, string> {
  const prefix = `OHLCV_${venue.replace(':', '_').toUpperCase()}`;
  return { [`${prefix}_WS_URL`]: simulator.wsBase, [`${prefix}_REST_URL`]: simulator.restBase };
}
