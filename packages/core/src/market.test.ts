import { describe, expect, it } from 'vitest';
import { isExchangeId, parseExchangeId, parseMarketType } from './market';
import { createToyAdapter } from './test-support/toy-adapter';
import { createVenueRegistry } from './venue-registry';

describe('parseMarketType', () => {
  it('maps aliases to canonical markets, case-insensitively', () => {
    expect(parseMarketType('UM')).toBe('usdm');
    expect(parseMarketType(' inverse ')).toBe('coinm');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'refuses the object-prototype name "%s" as unknown_market, and a registry does not resolve it',
    (name) => {
      expect(() => parseMarketType(name)).toThrow(expect.objectContaining({ code: 'unknown_market' }));
      const registry = createVenueRegistry([createToyAdapter()]);
      expect(registry.get(name)).toBeUndefined();
      expect(() => registry.resolve(name)).toThrow(expect.objectContaining({ code: 'unknown_exchange' }));
    },
  );
});

describe('parseExchangeId', () => {
  it('trims and lower-cases a venue name, checking its shape only', () => {
    expect(parseExchangeId(' Acme.IO ')).toBe('acme.io');
    expect(isExchangeId('acme-2')).toBe(true);
    expect(isExchangeId('Acme')).toBe(false);
  });

  it.each(['', 'a b', '__proto__', 'acme!', '.acme'])('refuses "%s", naming it', (name) => {
    expect(() => parseExchangeId(name)).toThrow(
      expect.objectContaining({ code: 'unknown_exchange', message: expect.stringContaining(`"${name}"`) }),
    );
  });
});
