import type { InstrumentIndex } from '@ohlcv/core';

/** The instrument list of one COIN-M contract of 100 USD (what quote volume is derived from). */
export function coinmInstruments(symbol: string, unified: string): InstrumentIndex {
  return new Map([
    [
      symbol,
      {
        symbol,
        unified,
        base: 'BTC',
        quote: 'USD',
        settle: 'BTC',
        market: 'coinm',
        status: 'TRADING',
        active: true,
        contractSize: 100,
      },
    ],
  ]);
}
