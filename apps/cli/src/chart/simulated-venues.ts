import type { EndpointOverrides, ExchangeId, MarketType } from '@ohlcv/core';
import {
  type ClockMode,
  startBinanceSimulator,
  startBybitSimulator,
  startGateioSimulator,
  startHyperliquidSimulator,
  startOkxSimulator,
  type VenueSimulator,
} from '@ohlcv/testkit';
import { UsageError } from '../usage-error';

type Start = (market: MarketType, clock: ClockMode, startTime: number) => Promise<VenueSimulator>;

/** Every venue's simulator, started on one market with an auto clock. */
const SIMULATORS: Record<ExchangeId, Start> = {
  binance: (market, clock, startTime) => startBinanceSimulator({ market, clock, startTime }),
  okx: (market, clock, startTime) => startOkxSimulator({ market, clock, startTime }),
  bybit: (market, clock, startTime) => startBybitSimulator({ market, clock, startTime }),
  gateio: (market, clock, startTime) => startGateioSimulator({ market, clock, startTime }),
  hyperliquid: (market, clock, startTime) => {
    if (market === 'coinm') throw new UsageError('hyperliquid has no coinm market', 'use spot or usdm');
    return startHyperliquidSimulator({ market, clock, startTime });
  },
};

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
      const simulator = await SIMULATORS[exchange](market, { mode: 'auto', speed }, startTime);
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
