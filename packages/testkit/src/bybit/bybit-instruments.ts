import type { MarketType } from '@ohlcv/core';

/** Bybit v5 product categories: one WebSocket path `/v5/public/{category}` and one REST `category` each. */
export type BybitCategory = 'spot' | 'linear' | 'inverse';

export const CATEGORIES: readonly BybitCategory[] = ['spot', 'linear', 'inverse'];

export const CATEGORY_OF_MARKET: Record<MarketType, BybitCategory> = {
  spot: 'spot',
  usdm: 'linear',
  coinm: 'inverse',
};

export const DEFAULT_SPOT_SYMBOLS = [
  'BTCUSDT',
  'ETHUSDT',
  'SOLUSDT',
  'XRPUSDT',
  'BTCUSDC',
  'ETHBTC',
] as const;
/** USDT perpetuals plus the documented USDC-perpetual naming (`BTCPERP`). */
export const DEFAULT_LINEAR_SYMBOLS = [
  'BTCUSDT',
  'ETHUSDT',
  'SOLUSDT',
  'XRPUSDT',
  'DOGEUSDT',
  'BTCPERP',
  'ETHPERP',
] as const;
export const DEFAULT_INVERSE_SYMBOLS = ['BTCUSD', 'ETHUSD', 'XRPUSD'] as const;

/** One listing, as `/v5/market/instruments-info` describes it. */
export interface BybitInstrument {
  symbol: string;
  baseCoin: string;
  quoteCoin: string;
  settleCoin: string;
  contractType: string | undefined;
}

const SPOT_QUOTES = ['USDT', 'USDC', 'BTC', 'ETH', 'EUR'];

/** Coins of a symbol from its spelling (`BTCUSDT`, `BTCPERP` = USDC perpetual, `BTCUSD` inverse). */
export function instrumentOf(category: BybitCategory, symbol: string): BybitInstrument {
  if (category === 'inverse') {
    const base = symbol.endsWith('USD') ? symbol.slice(0, -3) : symbol;
    return { symbol, baseCoin: base, quoteCoin: 'USD', settleCoin: base, contractType: 'InversePerpetual' };
  }
  if (category === 'linear') {
    const usdc = symbol.endsWith('PERP') || symbol.endsWith('USDC');
    const quote = usdc ? 'USDC' : 'USDT';
    const base = symbol.slice(0, -4);
    return { symbol, baseCoin: base, quoteCoin: quote, settleCoin: quote, contractType: 'LinearPerpetual' };
  }
  const quote =
    SPOT_QUOTES.find((candidate) => symbol.endsWith(candidate) && symbol.length > candidate.length) ?? 'USDT';
  return {
    symbol,
    baseCoin: symbol.slice(0, -quote.length),
    quoteCoin: quote,
    settleCoin: '',
    contractType: undefined,
  };
}

/** The instrument list entry (fields the docs show for each category). */
export function instrumentEntry(
  category: BybitCategory,
  instrument: BybitInstrument,
): Record<string, unknown> {
  if (category === 'spot') {
    return {
      symbol: instrument.symbol,
      baseCoin: instrument.baseCoin,
      quoteCoin: instrument.quoteCoin,
      innovation: '0',
      status: 'Trading',
      marginTrading: 'utaOnly',
      stTag: '0',
      lotSizeFilter: {
        basePrecision: '0.000001',
        quotePrecision: '0.0000001',
        minOrderQty: '0.000011',
        maxOrderQty: '83',
      },
      priceFilter: { tickSize: '0.01' },
      symbolType: '',
    };
  }
  return {
    symbol: instrument.symbol,
    contractType: instrument.contractType,
    status: 'Trading',
    baseCoin: instrument.baseCoin,
    quoteCoin: instrument.quoteCoin,
    launchTime: '1585526400000',
    deliveryTime: '0',
    deliveryFeeRate: '',
    priceScale: '2',
    priceFilter: { minPrice: '0.10', maxPrice: '1999999.80', tickSize: '0.10' },
    lotSizeFilter: { maxOrderQty: '1190.000', minOrderQty: '0.001', qtyStep: '0.001' },
    unifiedMarginTrade: true,
    fundingInterval: 480,
    settleCoin: instrument.settleCoin,
    isPreListing: false,
    preListingInfo: null,
    symbolType: '',
  };
}
