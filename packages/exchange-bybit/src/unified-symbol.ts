import type { MarketType } from '@ohlcv/core';

/** The fields of an instrument that name it. */
export interface InstrumentNaming {
  base: string;
  quote: string;
  settle: string | undefined;
  contractType: string | undefined;
  deliveryTime: number | undefined;
}

/**
 * ccxt-style unified symbol from an instrument's own coins, so every naming Bybit uses maps right:
 * spot `BTC/USDT`; perpetuals `BTC/USDT:USDT`, `BTC/USDC:USDC` (native `BTCPERP` or `BTCUSDC`),
 * `BTC/USD:BTC`; futures add `-YYMMDD` from the delivery time.
 */
export function unifiedSymbol(market: MarketType, naming: InstrumentNaming): string {
  if (market === 'spot') return `${naming.base}/${naming.quote}`;
  const settle = naming.settle || (market === 'coinm' ? naming.base : naming.quote);
  const swap = `${naming.base}/${naming.quote}:${settle}`;
  const futures = naming.contractType?.endsWith('Futures') === true;
  if (!futures || naming.deliveryTime === undefined || naming.deliveryTime <= 0) return swap;
  const date = new Date(naming.deliveryTime);
  const yymmdd = `${pad(date.getUTCFullYear() % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
  return `${swap}-${yymmdd}`;
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
