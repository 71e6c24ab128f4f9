import type { VenueAdapter } from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';
import { bybit } from '@ohlcv/exchange-bybit';
import { gateio } from '@ohlcv/exchange-gateio';
import { hyperliquid } from '@ohlcv/exchange-hyperliquid';
import { okx } from '@ohlcv/exchange-okx';

/**
 * Every venue the apps stream from: the one list (ohlcv-wss re-exports it). Add a venue here once its
 * package exports an adapter.
 */
export const VENUE_ADAPTERS: readonly VenueAdapter[] = [binance, okx, bybit, gateio, hyperliquid];
