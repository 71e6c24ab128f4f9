import type { EndpointOverrides, ExchangeId, MarketType } from '@ohlcv/core';
import { startSimulatedVenue, type VenueSimulator } from '@ohlcv/testkit';
import { venues as shipped } from '@ohlcv/venues';
import { offeredMarkets } from '../check-venue-input';
import { UsageError } from '../usage-error';

export interface SimulatedVenues {
  readonly simulators: readonly VenueSimulator[];
  /** Endpoint overrides pointing the engine at the simulators. */
  readonly endpoints: EndpointOverrides;
  close(): Promise<void>;
}

/**
 * Starts one simulator per (exchange, market) named, on virtual time running `speed` times faster than
 * real time from the current minute, so the chart shows today's clock.
 */
export async function startSimulatedVenues(
  venues: ReadonlyArray<{ exchange: ExchangeId; market: MarketType }>,
  speed: number,
): Promise<SimulatedVenues> {
  const distinct = [...new Map(venues.map((venue) => [`${venue.exchange}:${venue.market}`, venue])).values()];
  const startTime = Math.floor(Date.now() / 60_000) * 60_000;
  const simulators: VenueSimulator[] = [];
  const endpoints: Record<string, Record<string, { ws: string; rest: string }>> = {};
  try {
    for (const { exchange, market } of distinct) {
      const adapter = shipped.get(exchange);
      if (!adapter?.markets[market]) {
        throw new UsageError(
          `${exchange} has no ${market} market`,
          adapter ? `markets on ${exchange}: ${offeredMarkets(adapter).join(', ')}` : undefined,
        );
      }
      const simulator = await startSimulatedVenue(`${exchange}:${market}`, {
        clock: { mode: 'auto', speed },
        startTime,
      });
      simulators.push(simulator);
      endpoints[exchange] = {
        ...endpoints[exchange],
        [market]: { ws: simulator.wsBase, rest: simulator.restBase },
      };
    }
  } catch (error) {
    await Promise.all(simulators.map((simulator) => simulator.close()));
    throw error;
  }
  return {
    simulators,
    endpoints: endpoints as EndpointOverrides,
    close: async () => {
      await Promise.all(simulators.map((simulator) => simulator.close()));
    },
  };
}
