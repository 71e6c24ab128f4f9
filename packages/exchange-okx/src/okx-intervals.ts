import { INTERVALS, type Interval, type MarketType, UnsupportedIntervalError } from '@ohlcv/core';

/**
 * Our interval → OKX bar id. Bars of 6h and longer use the UTC-aligned ids (`6Hutc` …): the plain
 * ones (`6H`, `1D`, `1W`, …) are aligned to UTC+8. Minutes are lowercase, hours and longer
 * uppercase; the venue is case-sensitive (`candle1h` → 60018). OKX has no 8h bar. `1s` streams over
 * WS and exists over REST only on `history-candles`, for the last 3 months.
 */
export const OKX_BARS: Readonly<Partial<Record<Interval, string>>> = {
  '1s': '1s',
  '1m': '1m',
  '3m': '3m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1H',
  '2h': '2H',
  '4h': '4H',
  '6h': '6Hutc',
  '12h': '12Hutc',
  '1d': '1Dutc',
  '3d': '3Dutc',
  '1w': '1Wutc',
  '1M': '1Mutc',
};

const SUPPORTED: readonly Interval[] = INTERVALS.filter((interval) => OKX_BARS[interval] !== undefined);

const INTERVAL_OF_CHANNEL = new Map<string, Interval>();
for (const interval of SUPPORTED) INTERVAL_OF_CHANNEL.set(`candle${OKX_BARS[interval]}`, interval);

/** The OKX bar id of `interval`; throws UnsupportedIntervalError (8h says that OKX has no 8h bar). */
export function okxBar(market: MarketType, interval: Interval): string {
  const bar = OKX_BARS[interval];
  if (bar !== undefined) return bar;
  const where = interval === '8h' ? `okx ${market} (OKX has no 8h bar; use 4h or 12h)` : `okx ${market}`;
  throw new UnsupportedIntervalError(String(interval), SUPPORTED, where);
}

/** WS channel of `interval`, e.g. `candle1m`, `candle1Dutc`. */
export function okxCandleChannel(market: MarketType, interval: Interval): string {
  return `candle${okxBar(market, interval)}`;
}

/** Our interval of a WS channel we subscribe to (`candle1Dutc` → `1d`); undefined for any other channel. */
export function intervalOfChannel(channel: string): Interval | undefined {
  return INTERVAL_OF_CHANNEL.get(channel);
}
