import { describe, expect, it } from 'vitest';
import { createFeed } from './feed';
import { createToyAdapter } from './test-support/toy-adapter';
import type { VenueAdapter } from './venue-adapter';
import { createVenueRegistry } from './venue-registry';

function venue(id: string, aliases?: string[], changes: Record<string, unknown> = {}): VenueAdapter {
  return { ...createToyAdapter({ id }), ...(aliases ? { aliases } : {}), ...changes } as VenueAdapter;
}

describe('createVenueRegistry', () => {
  const registry = createVenueRegistry([venue('acme'), venue('zeta', ['zeta.io', 'z'])]);

  it('finds adapters by id or alias, trimmed and case-insensitively', () => {
    expect(registry.get('acme')?.id).toBe('acme');
    expect(registry.get(' Zeta.IO ')?.id).toBe('zeta');
    expect(registry.get('Z')?.id).toBe('zeta');
    expect(registry.get('kraken')).toBeUndefined();
    expect(registry.ids).toEqual(['acme', 'zeta']);
  });

  it('lists what is registered for help texts and errors', () => {
    expect(registry.describe()).toBe('acme, zeta (aliases zeta.io, z)');
    expect(() => registry.resolve('kraken')).toThrow(
      expect.objectContaining({
        code: 'unknown_exchange',
        message: 'unknown exchange "kraken": expected one of acme, zeta (aliases zeta.io, z)',
      }),
    );
  });

  it('refuses a name declared twice, naming it and both adapters', () => {
    expect(() => createVenueRegistry([venue('acme'), venue('acme')])).toThrow(
      'venue name "acme" is declared by adapter acme and by adapter acme',
    );
    expect(() => createVenueRegistry([venue('acme', ['z']), venue('zeta', ['z'])])).toThrow(
      'venue name "z" is declared by adapter acme and by adapter zeta',
    );
    expect(() => createVenueRegistry([venue('acme'), venue('zeta', ['acme'])])).toThrow(
      'venue name "acme" is declared by adapter acme and by adapter zeta',
    );
    expect(() => createVenueRegistry([venue('acme', ['acme'])])).toThrow(
      'adapter acme declares the name "acme" twice',
    );
  });

  it('refuses a malformed declaration, naming the value', () => {
    expect(() => createVenueRegistry([venue('Acme')])).toThrow(/venue adapter #1 declares id "Acme"/);
    expect(() => createVenueRegistry([venue('acme', ['Acme IO'])])).toThrow(
      /adapter acme declares alias "Acme IO"/,
    );
    expect(() => createVenueRegistry([venue('acme', undefined, { name: '' })])).toThrow(
      /adapter acme declares display name ""/,
    );
    expect(() => createVenueRegistry([venue('acme', undefined, { aliases: 'a' })])).toThrow(
      /adapter acme declares aliases "a"/,
    );
    expect(() => createVenueRegistry([venue('acme', undefined, { specificationVersion: 'v1' })])).toThrow(
      'adapter acme implements contract "v1"; this core speaks v2',
    );
    expect(() => createVenueRegistry([null as unknown as VenueAdapter])).toThrow(/venue adapter #1 is null/);
  });

  it('is the boundary of createFeed: a name declared twice fails the feed, an alias reaches its venue', async () => {
    expect(() =>
      createFeed({ adapters: [venue('acme', ['z']), venue('zeta', ['z'])], keepProcessAlive: false }),
    ).toThrow('venue name "z" is declared by adapter acme and by adapter zeta');
    const feed = createFeed({ adapters: [venue('acme'), venue('zeta', ['z'])], keepProcessAlive: false });
    const subscription = feed.subscribe('Z:spot:BTCUSDT:1m');
    expect(subscription.stream).toBe('zeta:spot:BTCUSDT:1m');
    const unknown = feed.subscribe('kraken:spot:BTCUSDT:1m');
    await expect(unknown.ready).rejects.toThrow(
      /no adapter for exchange "kraken".*this feed has acme, zeta \(alias z\)/,
    );
    await feed.close();
  });
});
