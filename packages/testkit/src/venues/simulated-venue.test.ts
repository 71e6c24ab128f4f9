import { describe, expect, it } from 'vitest';
import type { VenueSimulator } from '../simulator-types';
import { startSimulatedVenue } from './simulated-venue';
import { VENUE_SIMULATORS } from './venue-simulators';

describe('startSimulatedVenue', () => {
  it.each(['binance:spot', 'okx:linear', 'bybit:coinm', 'gateio:usdm', 'hyperliquid:spot'])(
    'starts the simulator of %s on 127.0.0.1 with the options every simulator takes',
    async (venue) => {
      const simulator = await startSimulatedVenue(venue, {
        startTime: 1_767_225_600_000,
        pushCadenceMs: 20_000,
      });
      try {
        expect(`${simulator.exchange}:${simulator.market}`).toBe(venue.replace('linear', 'usdm'));
        expect(simulator.wsBase).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
        expect(simulator.clock.now()).toBe(1_767_225_600_000);
      } finally {
        await simulator.close();
      }
    },
  );

  it('refuses what no simulator plays, naming it', () => {
    expect(() => startSimulatedVenue('kraken:spot')).toThrow(
      'no simulator for exchange "kraken" (in "kraken:spot"): simulators for binance, okx, bybit, gateio, hyperliquid',
    );
    expect(() => startSimulatedVenue('binance')).toThrow(
      /simulated venue "binance": expected exchange:market/,
    );
    expect(() => startSimulatedVenue('binance:margin')).toThrow(/unknown market "margin"/);
    expect(() => startSimulatedVenue('hyperliquid:coinm')).toThrow(/hyperliquid has no coinm market/);
    expect(() => startSimulatedVenue('binance:spot', { quiet: () => true })).toThrow(
      /binance simulator cannot play quiet/,
    );
  });

  it('starts a simulator registered beside the shipped ones, keyed by its adapter id', async () => {
    const started: string[] = [];
    const fake = { close: async () => {} } as VenueSimulator;
    const simulators = {
      ...VENUE_SIMULATORS,
      acme: async (market: string) => {
        started.push(market);
        return fake;
      },
    };
    expect(await startSimulatedVenue('acme:perp', {}, simulators)).toBe(fake);
    expect(started).toEqual(['usdm']);
  });
});
