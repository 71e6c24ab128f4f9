import { describe, expect, it } from 'vitest';
import { endpointOverridesFromEnv, resolveEndpoint } from './endpoints';
import { createToyAdapter, toyMarketSpec } from './test-support/toy-adapter';
import { createVenueRegistry } from './venue-registry';

const venues = createVenueRegistry([
  createToyAdapter({ id: 'acme' }),
  { ...createToyAdapter({ id: 'zeta' }), aliases: ['zeta.io', 'z'] },
]);

describe('endpointOverridesFromEnv', () => {
  it('reads WS and REST overrides per venue and market, market and venue aliases included', () => {
    expect(
      endpointOverridesFromEnv(
        {
          OHLCV_ACME_USDM_WS_URL: 'ws://127.0.0.1:9000/',
          OHLCV_ACME_LINEAR_REST_URL: 'http://127.0.0.1:9001',
          OHLCV_Z_SPOT_WS_URL: 'ws://127.0.0.1:9002',
          OHLCV_ZETA_SPOT_REST_URL: '',
          OHLCV_LOG_LEVEL: 'debug',
          PATH: '/usr/bin',
        },
        venues,
      ),
    ).toEqual({
      acme: { usdm: { ws: 'ws://127.0.0.1:9000', rest: 'http://127.0.0.1:9001' } },
      zeta: { spot: { ws: 'ws://127.0.0.1:9002' } },
    });
  });

  it('without a registry keeps the venue name as written, lower-cased', () => {
    expect(endpointOverridesFromEnv({ 'OHLCV_ZETA.IO_SPOT_WS_URL': 'ws://127.0.0.1:1' })).toEqual({
      'zeta.io': { spot: { ws: 'ws://127.0.0.1:1' } },
    });
  });

  it('names the variable for a bad URL, protocol, exchange or market', () => {
    expect(() => endpointOverridesFromEnv({ OHLCV_ACME_SPOT_WS_URL: 'not a url' })).toThrowError(
      /OHLCV_ACME_SPOT_WS_URL="not a url" is not a URL/,
    );
    expect(() => endpointOverridesFromEnv({ OHLCV_ACME_SPOT_WS_URL: 'http://x' })).toThrowError(
      /OHLCV_ACME_SPOT_WS_URL.*protocol "http:".*ws: or wss:/,
    );
    expect(() => endpointOverridesFromEnv({ OHLCV_ACME_SPOT_REST_URL: 'wss://x' })).toThrowError(
      /OHLCV_ACME_SPOT_REST_URL.*http: or https:/,
    );
    expect(() => endpointOverridesFromEnv({ OHLCV_KRAKEN_SPOT_WS_URL: 'ws://x' }, venues)).toThrowError(
      'OHLCV_KRAKEN_SPOT_WS_URL: unknown exchange "KRAKEN" (expected one of ACME, ZETA)',
    );
    expect(() => endpointOverridesFromEnv({ OHLCV_ACME_MARGIN_WS_URL: 'ws://x' })).toThrowError(
      /OHLCV_ACME_MARGIN_WS_URL: unknown market "MARGIN"/,
    );
  });
});

describe('resolveEndpoint', () => {
  const spec = toyMarketSpec();
  it('prefers an override, then testnet when asked, then prod', () => {
    expect(resolveEndpoint('acme', 'spot', spec, {})).toEqual(spec.endpoints.prod);
    expect(
      resolveEndpoint('acme', 'spot', spec, {
        endpoints: { acme: { spot: { rest: 'http://127.0.0.1:1' } } },
      }),
    ).toEqual({
      ws: spec.endpoints.prod.ws,
      rest: 'http://127.0.0.1:1',
    });
    expect(() => resolveEndpoint('acme', 'spot', spec, { testnet: true })).toThrowError(
      /acme spot has no testnet/,
    );
  });

  it('applies an override keyed by one of the venue aliases', () => {
    expect(
      resolveEndpoint('zeta', 'spot', spec, {
        endpoints: { z: { spot: { ws: 'ws://127.0.0.1:2' } } },
        aliases: ['zeta.io', 'z'],
      }).ws,
    ).toBe('ws://127.0.0.1:2');
  });
});
