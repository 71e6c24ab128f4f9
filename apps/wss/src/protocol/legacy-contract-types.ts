import type { MarketType } from '@ohlcv/core';

/**
 * The older Python connector's `contract_type` values per exchange (its repositories' tables), mapped
 * onto our markets. `label` is the canonical value that connector put in `quote.contract_type`.
 */
export interface LegacyContract {
  /** Our market; undefined = follows from each symbol (OKX). */
  market: MarketType | undefined;
  label: string;
}

export type LegacyContractResult = { ok: true; contract: LegacyContract } | { ok: false; message: string };

type Table = Readonly<Record<string, { market: MarketType; label: string }>>;

const SPOT = { market: 'spot', label: 'spot' } as const;

const TABLES: Readonly<Record<string, { table: Table; absent: string | undefined; unknown: string }>> = {
  binance: {
    table: {
      spot: SPOT,
      usdm: { market: 'usdm', label: 'usdm' },
      um: { market: 'usdm', label: 'usdm' },
      'usd-m': { market: 'usdm', label: 'usdm' },
      coinm: { market: 'coinm', label: 'coinm' },
      cm: { market: 'coinm', label: 'coinm' },
      'coin-m': { market: 'coinm', label: 'coinm' },
    },
    absent: undefined,
    unknown: 'Unsupported Binance contract_type: {value}',
  },
  bybit: {
    table: {
      spot: SPOT,
      linear: { market: 'usdm', label: 'linear' },
      um: { market: 'usdm', label: 'linear' },
      'usd-m': { market: 'usdm', label: 'linear' },
      perp: { market: 'usdm', label: 'linear' },
      usdm: { market: 'usdm', label: 'linear' },
      inverse: { market: 'coinm', label: 'inverse' },
      cm: { market: 'coinm', label: 'inverse' },
      'coin-m': { market: 'coinm', label: 'inverse' },
      coinm: { market: 'coinm', label: 'inverse' },
    },
    absent: 'spot',
    unknown:
      'Unsupported Bybit contract_type. Use one of spot, linear (aka um/usd-m), inverse (aka cm/coin-m).',
  },
  gateio: {
    table: {
      spot: SPOT,
      um: { market: 'usdm', label: 'um' },
      'usd-m': { market: 'usdm', label: 'um' },
      usdm: { market: 'usdm', label: 'um' },
      cm: { market: 'coinm', label: 'cm' },
      'coin-m': { market: 'coinm', label: 'cm' },
      coinm: { market: 'coinm', label: 'cm' },
    },
    absent: 'spot',
    unknown: 'Unsupported Gate.io contract_type. Use spot, um/usd-m, or cm/coin-m.',
  },
  hyperliquid: {
    table: {
      spot: SPOT,
      usdm: { market: 'usdm', label: 'usdm' },
      'usd-m': { market: 'usdm', label: 'usdm' },
      perp: { market: 'usdm', label: 'usdm' },
      swap: { market: 'usdm', label: 'usdm' },
      // Hyperliquid has USDC perpetuals only; that connector streamed them under the `coinm` label too.
      coinm: { market: 'usdm', label: 'coinm' },
      cm: { market: 'usdm', label: 'coinm' },
    },
    absent: 'usdm',
    unknown: 'Unsupported Hyperliquid contract_type. Use spot, usdm (perp), or coinm.',
  },
};

function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/**
 * The market and label for `contractType` (undefined = not sent) on `exchange` (lower case). OKX took
 * any value: `spot` is spot, `swap_coinm` coin-margined, anything else (`swap`, `futures`, none)
 * follows from each symbol (see {@link okxMarketOf}); its label is the value lower-cased, `""` if none.
 */
export function legacyContract(exchange: string, contractType: string | undefined): LegacyContractResult {
  const lower = contractType?.toLowerCase();
  if (exchange === 'okx') {
    const label = lower ?? '';
    if (lower === 'spot') return { ok: true, contract: { market: 'spot', label } };
    if (lower === 'swap_coinm' || lower === 'coinm' || lower === 'inverse')
      return { ok: true, contract: { market: 'coinm', label } };
    return { ok: true, contract: { market: undefined, label } };
  }
  const entry = TABLES[exchange];
  if (entry === undefined) return { ok: false, message: `Unsupported exchange: ${shown(exchange)}` };
  const key = lower ?? entry.absent;
  if (key === undefined) {
    return { ok: false, message: 'Binance connector requires --market (spot|um|cm)' };
  }
  const found = Object.hasOwn(entry.table, key) ? entry.table[key] : undefined;
  if (found === undefined) {
    return { ok: false, message: entry.unknown.replace('{value}', shown(contractType ?? '')) };
  }
  return { ok: true, contract: found };
}

/**
 * OKX's market from an instId: `BTC-USDT` spot, `BTC-USDT-SWAP`/`BTC-USDC-SWAP` usdm, `BTC-USD-SWAP`
 * coinm; dated futures follow their quote the same way.
 */
export function okxMarketOf(symbol: string): MarketType {
  const parts = symbol.trim().toUpperCase().split('-');
  if (parts.length < 3) return 'spot';
  return parts[1] === 'USD' ? 'coinm' : 'usdm';
}
