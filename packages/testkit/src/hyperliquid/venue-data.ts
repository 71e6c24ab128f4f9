/**
 * The simulated Hyperliquid universe, shaped like the venue's `meta` and `spotMeta` answers
 * (HL-INFO examples): first-dex perps with a `k` coin and a delisted one; spot tokens and pairs where
 * only `PURR/USDC` is spelled as a pair and the others are `@<pair index>` (`@107` = HYPE/USDC).
 */
import type { Interval } from '@ohlcv/core';

export interface PerpAsset {
  name: string;
  szDecimals: number;
  maxLeverage: number;
  isDelisted?: true;
  onlyIsolated?: true;
}

export interface SpotToken {
  name: string;
  szDecimals: number;
  weiDecimals: number;
  index: number;
  tokenId: string;
  isCanonical: boolean;
  evmContract: null;
  fullName: null;
}

export interface SpotPair {
  name: string;
  tokens: [number, number];
  index: number;
  isCanonical: boolean;
}

export const DEFAULT_PERPS: readonly PerpAsset[] = [
  { name: 'BTC', szDecimals: 5, maxLeverage: 50 },
  { name: 'ETH', szDecimals: 4, maxLeverage: 50 },
  { name: 'kPEPE', szDecimals: 0, maxLeverage: 10 },
  { name: 'MATIC', szDecimals: 1, maxLeverage: 20, isDelisted: true, onlyIsolated: true },
];

function token(name: string, index: number, szDecimals: number, weiDecimals: number, id: string): SpotToken {
  return {
    name,
    szDecimals,
    weiDecimals,
    index,
    tokenId: id,
    isCanonical: index < 2,
    evmContract: null,
    fullName: null,
  };
}

export const DEFAULT_SPOT_TOKENS: readonly SpotToken[] = [
  token('USDC', 0, 8, 8, '0x6d1e7cde53ba9467b783cb7c530ce054'),
  token('PURR', 1, 0, 5, '0xc1fb593aeffbeb02f85e0308e9956a90'),
  token('HFUN', 2, 2, 8, '0xbaf265ef389da684513d98d68edf4eae'),
  token('HYPE', 150, 2, 8, '0x0d01dc56dcaaca66ad901c959b4011ec'),
];

export const DEFAULT_SPOT_PAIRS: readonly SpotPair[] = [
  { name: 'PURR/USDC', tokens: [1, 0], index: 0, isCanonical: true },
  { name: '@1', tokens: [2, 0], index: 1, isCanonical: false },
  { name: '@107', tokens: [150, 0], index: 107, isCanonical: false },
];

/** Interval ids of `candle` subscriptions and candleSnapshot (no `1s`, no `6h`). */
const HYPERLIQUID_SIM_INTERVALS: ReadonlySet<string> = new Set<Interval>([
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '8h',
  '12h',
  '1d',
  '3d',
  '1w',
  '1M',
]);

export function isHyperliquidInterval(value: unknown): value is Interval {
  return typeof value === 'string' && HYPERLIQUID_SIM_INTERVALS.has(value);
}

/** Which coins the venue knows: live ones are served, delisted ones acked and silent, others kill the socket. */
export class CoinDirectory {
  readonly perpNames: readonly string[];
  readonly spotNames: readonly string[];
  private readonly live = new Set<string>();
  private readonly delisted = new Set<string>();
  /** Spot coin → base token name (for realistic prices). */
  private readonly spotBase = new Map<string, string>();

  constructor(
    readonly perps: readonly PerpAsset[],
    readonly tokens: readonly SpotToken[],
    readonly pairs: readonly SpotPair[],
  ) {
    this.perpNames = perps.map((asset) => asset.name);
    this.spotNames = pairs.map((pair) => pair.name);
    for (const asset of perps) (asset.isDelisted ? this.delisted : this.live).add(asset.name);
    const names = new Map(tokens.map((entry) => [entry.index, entry.name]));
    for (const pair of pairs) {
      this.live.add(pair.name);
      this.spotBase.set(pair.name, names.get(pair.tokens[0]) ?? pair.name);
    }
  }

  /** The venue forgets `coin` (removed mid-stream): from now on it is `unknown`. */
  forget(coin: string): void {
    this.live.delete(coin);
    this.delisted.delete(coin);
  }

  /** `live`, `delisted` or `unknown` — case-sensitive, as on the venue. */
  status(coin: string): 'live' | 'delisted' | 'unknown' {
    if (this.live.has(coin)) return 'live';
    return this.delisted.has(coin) ? 'delisted' : 'unknown';
  }

  /** The asset a coin trades (`@107` → `HYPE`, `kPEPE` → `kPEPE`). */
  baseOf(coin: string): string {
    return this.spotBase.get(coin) ?? coin;
  }
}
