import type { MarketType } from '@ohlcv/core';

/**
 * The older Python connector's `contract_type` values per exchange (its repositories' tables), mapped
 * onto our markets. `label` is the canonical value that connector put in `quote.contract_type`.
 */
interface LegacyContract {
  /** Our market; undefined = follows from each symbol (OKX). */
  market: MarketType | undefined;
  label: string;
}

export type LegacyContractResult = { ok: true; contract: LegacyContract } | { ok: false; message: string };

type Table = Readonly<Record<string, { market: MarketType; label: string }>>;

/** The `contract_type` spellings of one market on one exchange, and the label its quotes carried. */
interface Spellings {
  market: MarketType;
  label: string;
  values: readonly string[];
}

/** One table row per spelling. */
function table(...markets: Spellings[]): Table {
  const rows: Record<string, { market: MarketType; label: string }> = {};
  for (const { market, label, values } of markets)
    for (const value of values) rows[value] = { market, label };
  return rows;
}

const SPOT: Spellings = { market: 'spot', label: 'spot', values: ['spot'] };
/** The spellings most exchanges took for each futures market. */
const USDM = ['usdm', 'um', 'usd-m'] as const;
const COINM = ['coinm', 'cm', 'coin-m'] as const;

const TABLES: Readonly<Record<string, { table: Table; absent: string | undefined; unknown: string }>> = {
  binance: {
    table: table(
      SPOT,
      { market: 'usdm', label: 'usdm', values: USDM },
      { market: 'coinm', label: 'coinm', values: COINM },
    ),
    absent: undefined,
    unknown: 'Unsupported Binance contract_type: {value}',
  },
  bybit: {
    table: table(
      SPOT,
      { market: 'usdm', label: 'linear', values: ['linear', 'perp', ...USDM] },
      { market: 'coinm', label: 'inverse', values: ['inverse', ...COINM] },
    ),
    absent: 'spot',
    unknown:
      'Unsupported Bybit contract_type. Use one of spot, linear (aka um/usd-m), inverse (aka cm/coin-m).',
  },
  gateio: {
    table: table(
      SPOT,
      { market: 'usdm', label: 'um', values: USDM },
      { market: 'coinm', label: 'cm', values: COINM },
    ),
    absent: 'spot',
    unknown: 'Unsupported Gate.io contract_type. Use spot, um/usd-m, or cm/coin-m.',
  },
  hyperliquid: {
    table: table(
      SPOT,
      { market: 'usdm', label: 'usdm', values: ['usdm', 'usd-m', 'perp', 'swap'] },
      // Hyperliquid has USDC perpetuals only; that connector streamed them under the `coinm` label too.
      { market: 'usdm', label: 'coinm', values: ['coinm', 'cm'] },
    ),
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
  // Own keys only: `__proto__` or `constructor` as an exchange is unsupported, not Object.prototype.
  const entry = Object.hasOwn(TABLES, exchange) ? TABLES[exchange] : undefined;
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
