import type { MarketSpec, MarketType, VenueAdapter } from '@ohlcv/core';

/** The adapter with every market spec passed through `change` (the adapter's own object is untouched). */
function withMarketSpecs(adapter: VenueAdapter, change: (spec: MarketSpec) => MarketSpec): VenueAdapter {
  const markets: Partial<Record<MarketType, MarketSpec | undefined>> = {};
  for (const [market, spec] of Object.entries(adapter.markets) as Array<
    [MarketType, MarketSpec | undefined]
  >) {
    markets[market] = spec === undefined ? undefined : change(spec);
  }
  return Object.assign(Object.create(adapter) as VenueAdapter, { markets });
}

/** The adapter with its app-level heartbeat sped up to match a shortened simulator rule. */
export function withFastHeartbeat(adapter: VenueAdapter, everyMs: number): VenueAdapter {
  return withMarketSpecs(adapter, (spec) =>
    spec.ws.heartbeat === undefined
      ? spec
      : { ...spec, ws: { ...spec.ws, heartbeat: { ...spec.ws.heartbeat, everyMs } } },
  );
}

/** The adapter asking REST for at most `candles` per page (smaller pages than the venue allows are valid). */
export function withPageSize(adapter: VenueAdapter, candles: number): VenueAdapter {
  return withMarketSpecs(adapter, (spec) => ({
    ...spec,
    rest: { ...spec.rest, maxCandlesPerRequest: Math.min(candles, spec.rest.maxCandlesPerRequest) },
  }));
}
