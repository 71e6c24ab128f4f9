import type { ExchangeId, Interval, MarketType, VenueAdapter } from '@ohlcv/core';
import { venues } from '@ohlcv/venues';
import { UsageError } from './usage-error';

/** Markets the venue offers, in the canonical order. */
export function offeredMarkets(adapter: VenueAdapter): MarketType[] {
  return (['spot', 'usdm', 'coinm'] as const).filter((market) => adapter.markets[market] !== undefined);
}

/** Checks exchange and market (and interval, when given) against the venue's descriptor: usage errors (exit 2). */
export function checkVenueInput(exchange: ExchangeId, market: MarketType, interval?: Interval): VenueAdapter {
  const adapter = venues.get(exchange);
  if (!adapter) {
    throw new UsageError(
      `exchange "${exchange}" is not available in this build`,
      `exchanges in this build: ${venues.describe()}`,
    );
  }
  const spec = adapter.markets[market];
  if (!spec) {
    const reason = adapter.unsupportedMarkets?.[market];
    throw new UsageError(
      `${exchange} does not offer market "${market}"${reason ? `: ${reason}` : ''}`,
      `markets on ${exchange}: ${offeredMarkets(adapter).join(', ')}`,
    );
  }
  if (interval !== undefined && spec.intervals[interval] === undefined) {
    throw new UsageError(
      `${exchange} ${market} has no interval "${interval}"`,
      `intervals on ${exchange} ${market}: ${Object.keys(spec.intervals).join(', ')}`,
    );
  }
  return adapter;
}
