import type { VenueAdapter } from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';
import { bybit } from '@ohlcv/exchange-bybit';
import { gateio } from '@ohlcv/exchange-gateio';
import { hyperliquid } from '@ohlcv/exchange-hyperliquid';
import { okx } from '@ohlcv/exchange-okx';

/**
 * The venues the apps (CLI, server, health canary) ship: add a venue's adapter here, one entry
 * (plus its package in package.json). Help texts, errors and settings list what is here.
 */
export const VENUE_ADAPTERS: readonly VenueAdapter[] = [binance, okx, bybit, gateio, hyperliquid];
