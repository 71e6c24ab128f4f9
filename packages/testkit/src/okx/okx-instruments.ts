/**
 * The simulated OKX instrument table (venue doc §3.0 "Instruments", §3.1–3.4): SPOT pairs, linear
 * (USDT/USDC-settled) and inverse (coin-settled) SWAP and FUTURES contracts, one pre-open row with an
 * empty instId per derivative type, as `GET /api/v5/public/instruments` lists them.
 */
import type { MarketType } from '@ohlcv/core';

export type OkxInstType = 'SPOT' | 'SWAP' | 'FUTURES';

export interface OkxInstrument {
  instType: OkxInstType;
  /** Empty for pre-open listings. */
  instId: string;
  /** `BTC-USDT` (derivatives). */
  instFamily?: string;
  baseCcy?: string;
  quoteCcy?: string;
  settleCcy?: string;
  ctType?: 'linear' | 'inverse';
  /** Contract value in `ctValCcy` (base on linear, USD on inverse). */
  ctVal?: number;
  ctValCcy?: string;
  /** `live`, `suspend`, `preopen`, `test`. */
  state: string;
  expTime?: number;
}

export const DEFAULT_OKX_INSTRUMENTS: readonly OkxInstrument[] = [
  { instType: 'SPOT', instId: 'BTC-USDT', baseCcy: 'BTC', quoteCcy: 'USDT', state: 'live' },
  { instType: 'SPOT', instId: 'ETH-USDT', baseCcy: 'ETH', quoteCcy: 'USDT', state: 'live' },
  { instType: 'SPOT', instId: 'SOL-USDC', baseCcy: 'SOL', quoteCcy: 'USDC', state: 'live' },
  { instType: 'SPOT', instId: 'XRP-USDT', baseCcy: 'XRP', quoteCcy: 'USDT', state: 'suspend' },
  linear('SWAP', 'BTC-USDT-SWAP', 'USDT', 0.01),
  linear('SWAP', 'ETH-USDT-SWAP', 'USDT', 0.1),
  linear('SWAP', 'BTC-USDC-SWAP', 'USDC', 0.0001),
  inverse('SWAP', 'BTC-USD-SWAP', 100),
  inverse('SWAP', 'ETH-USD-SWAP', 10),
  { instType: 'SWAP', instId: '', instFamily: 'SOL-USDT', state: 'preopen' },
  linear('FUTURES', 'BTC-USDT-261225', 'USDT', 0.01, Date.UTC(2026, 11, 25, 8)),
  inverse('FUTURES', 'BTC-USD-261225', 100, Date.UTC(2026, 11, 25, 8)),
  { instType: 'FUTURES', instId: '', instFamily: 'BTC-USDT', state: 'preopen' },
];

function linear(
  instType: OkxInstType,
  instId: string,
  settle: string,
  ctVal: number,
  expTime?: number,
): OkxInstrument {
  const [base, quote] = instId.split('-') as [string, string];
  return {
    instType,
    instId,
    instFamily: `${base}-${quote}`,
    settleCcy: settle,
    ctType: 'linear',
    ctVal,
    ctValCcy: base,
    state: 'live',
    ...(expTime === undefined ? {} : { expTime }),
  };
}

function inverse(instType: OkxInstType, instId: string, ctVal: number, expTime?: number): OkxInstrument {
  const [base, quote] = instId.split('-') as [string, string];
  return {
    instType,
    instId,
    instFamily: `${base}-${quote}`,
    settleCcy: base,
    ctType: 'inverse',
    ctVal,
    ctValCcy: 'USD',
    state: 'live',
    ...(expTime === undefined ? {} : { expTime }),
  };
}

/** Our market of an instrument: SPOT → spot, linear → usdm, inverse → coinm. */
export function marketOfInstrument(instrument: OkxInstrument): MarketType | undefined {
  if (instrument.instType === 'SPOT') return 'spot';
  if (instrument.ctType === 'linear') return 'usdm';
  if (instrument.ctType === 'inverse') return 'coinm';
  return undefined;
}

/** One row of the instruments response, every field a string as OKX sends it. */
export function instrumentRow(instrument: OkxInstrument): Record<string, string> {
  const derivative = instrument.instType !== 'SPOT';
  const family = instrument.instFamily ?? '';
  return {
    alias: instrument.instType === 'FUTURES' && instrument.instId !== '' ? 'quarter' : '',
    baseCcy: instrument.baseCcy ?? '',
    category: '1',
    ctMult: derivative && instrument.ctVal !== undefined ? '1' : '',
    ctType: instrument.ctType ?? '',
    ctVal: instrument.ctVal === undefined ? '' : String(instrument.ctVal),
    ctValCcy: instrument.ctValCcy ?? '',
    expTime: instrument.expTime === undefined ? '' : String(instrument.expTime),
    instFamily: family,
    instId: instrument.instId,
    instType: instrument.instType,
    lever: derivative ? '100' : '10',
    listTime: '1606468572000',
    lotSz: derivative ? '0.01' : '0.00000001',
    minSz: derivative ? '0.01' : '0.00001',
    optType: '',
    quoteCcy: instrument.quoteCcy ?? '',
    ruleType: 'normal',
    settleCcy: instrument.settleCcy ?? '',
    state: instrument.state,
    stk: '',
    tickSz: '0.1',
    uly: family,
  };
}
