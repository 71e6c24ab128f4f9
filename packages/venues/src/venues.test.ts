import { createVenueRegistry, VENUE_ADAPTER_SPEC_VERSION } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { VENUE_ADAPTERS, venues } from './index';

describe('the shipped venues', () => {
  it('registers every shipped adapter under its id, venue aliases included', () => {
    expect(venues.ids).toEqual(['binance', 'okx', 'bybit', 'gateio', 'hyperliquid']);
    expect(venues.get('gate.io')?.id).toBe('gateio');
    expect(venues.get('GATE')?.id).toBe('gateio');
    for (const adapter of VENUE_ADAPTERS) {
      expect(adapter.specificationVersion).toBe(VENUE_ADAPTER_SPEC_VERSION);
      expect(adapter.name).not.toBe('');
    }
  });

  it('lists what is registered in its errors', () => {
    expect(venues.describe()).toBe('binance, okx, bybit, gateio (aliases gate, gate.io), hyperliquid');
    expect(() => venues.resolve('kraken')).toThrow(
      'unknown exchange "kraken": expected one of binance, okx, bybit, gateio (aliases gate, gate.io), hyperliquid',
    );
  });

  it('extends by one more adapter in a registry of its own', () => {
    const gateio = venues.get('gateio')!;
    const acme = { ...gateio, id: 'acme', name: 'Acme', aliases: ['acme.io'] };
    const extended = createVenueRegistry([...VENUE_ADAPTERS, acme]);
    expect(extended.get('acme.io')).toBe(acme);
    expect(() => createVenueRegistry([...VENUE_ADAPTERS, { ...acme, aliases: ['gate'] }])).toThrow(
      'venue name "gate" is declared by adapter gateio and by adapter acme',
    );
  });
});
