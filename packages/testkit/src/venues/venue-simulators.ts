import { startBinanceSimulator } from '../binance/binance-simulator';
import { startBybitSimulator } from '../bybit/bybit-simulator';
import { startGateioSimulator } from '../gateio/gateio-simulator';
import { startHyperliquidSimulator } from '../hyperliquid/hyperliquid-simulator';
import { startOkxSimulator } from '../okx';
import type { SimulatedVenueOptions, SimulatorRegistry } from './simulated-venue';

const UNLIMITED = 1_000_000_000;

function given<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function common(options: SimulatedVenueOptions) {
  return { ...given('clock', options.clock), ...given('startTime', options.startTime) };
}

function refuseQuiet(venue: string, options: SimulatedVenueOptions): void {
  if (options.quiet) throw new Error(`the ${venue} simulator cannot play quiet intervals (no quiet option)`);
}

/** The simulators of the shipped venues, keyed by adapter id: one entry per venue. */
export const VENUE_SIMULATORS: SimulatorRegistry = {
  binance: (market, options) => {
    refuseQuiet('binance', options);
    return startBinanceSimulator({
      market,
      ...common(options),
      ...given('pushIntervalMs', options.pushCadenceMs),
      ...(options.unlimitedRest ? { restWeightPerMinute: UNLIMITED } : {}),
    });
  },
  okx: (market, options) =>
    startOkxSimulator({
      market,
      ...common(options),
      ...given('pushCadenceMs', options.pushCadenceMs),
      ...(options.quiet ? { generator: { quiet: options.quiet } } : {}),
      ...(options.unlimitedRest ? { restLimits: false } : {}),
    }),
  bybit: (market, options) =>
    startBybitSimulator({
      market,
      ...common(options),
      ...given('cadenceMs', options.pushCadenceMs),
      ...given('quiet', options.quiet),
      ...(options.unlimitedRest ? { ipRateLimit: { requests: UNLIMITED, windowMs: 1_000 } } : {}),
    }),
  gateio: (market, options) =>
    startGateioSimulator({
      market,
      ...common(options),
      ...given('spotCadenceMs', options.pushCadenceMs),
      ...given('futuresCadenceMs', options.pushCadenceMs),
      ...given('quiet', options.quiet),
      ...(options.unlimitedRest ? { restRateLimit: { requests: UNLIMITED, windowMs: 1_000 } } : {}),
    }),
  hyperliquid: (market, options) => {
    if (market === 'coinm')
      throw new Error('hyperliquid has no coinm market: its simulator plays spot and usdm');
    return startHyperliquidSimulator({
      market,
      ...common(options),
      ...given('pushCadenceMs', options.pushCadenceMs),
      ...given('quiet', options.quiet),
      ...(options.unlimitedRest ? { limits: { restWeightPerMinute: UNLIMITED } } : {}),
    });
  },
};
