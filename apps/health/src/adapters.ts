import type { VenueAdapter } from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';

/**
 * Every venue the apps stream from: the one list (ohlcv-wss re-exports it). Add a venue here once its
 * package exports an adapter.
 */
export const VENUE_ADAPTERS: readonly VenueAdapter[] = [binance];
