import { describe, expect, it } from 'vitest';
import { endpointOverridesFromEnv, resolveEndpoint } from './endpoints';
import { toyMarketSpec } from './test-support/toy-adapter';

describe('endpointOverridesFromEnv', () => {
  it('reads WS and REST overrides per venue and market, aliases included', () => {
    expect(
      endpointOverridesFromEnv({
        OHLCV_BINANCE_USDM_WS_URL: 'ws://127.0.0.1:9000/',
        OHLCV_BINANCE_LINEAR_REST_URL: 'http://127.0.0.1:9001',
        OHLCV_GATEIO_SPOT_WS_URL: '',
        OHLCV_LOG_LEVEL: 'debug',
        PATH: '/usr/bin',
      }),
    ).toEqual({ binance: { usdm: { ws: 'ws://127.0.0.1:9000', rest: 'http://127.0.0.1:9001' } } });
  });

  it('names the variable for a bad URL, protocol, exchange or market', () => {
    expect(() => endpointOverridesFromEnv({ OHLCV_OKX_SPOT_WS_URL: 'not a url' })).toThrowError(
      /OHLCV_OKX_SPOT_WS_URL="not a url" is not a URL/,
    );
    expect(() => endpointOverridesFromEnv({ OHLCV_OKX_SPOT_WS_URL: 'http://x' })).toThrowError(
      /OHLCV_OKX_SPOT_WS_URL.*protocol "http:".*ws: or wss:/,
    );
    expect(() => endpointOverridesFromEnv({ OHLCV_OKX_SPOT_REST_URL: 'wss://x' })).toThrowError(
      /OHLCV_OKX_SPOT_REST_URL.*http: or https:/,
    );
    expect(() => endpointOverridesFromEnv({ OHLCV_KRAKEN_SPOT_WS_URL: 'ws://x' })).toThrowError(
      /OHLCV_KRAKEN_SPOT_WS_URL: unknown exchange "KRAKEN"/,
    );
    expect(() => endpointOverridesFromEnv({ OHLCV_OKX_MARGIN_WS_URL: 'ws://x' })).toThrowError(
      /OHLCV_OKX_MARGIN_WS_URL: unknown market "MARGIN"/,
    );
  });
});

describe('resolveEndpoint', () => {
  const spec = toyMarketSpec();
  it('prefers an override, then testnet when asked, then prod', () => {
    expect(resolveEndpoint('binance', 'spot', spec, {})).toEqual(spec.endpoints.prod);
    expect(
      resolveEndpoint('binance', 'spot', spec, {
        endpoints: { binance: { spot: { rest: 'http://127.0.0.1:1' } } },
      }),
    ).toEqual({
      ws: spec.endpoints.prod.ws,
      rest: 'http://127.0.0.1:1',
    });
    expect(() => resolveEndpoint('binance', 'spot', spec, { testnet: true })).toThrowError(
      /binance spot has no testnet/,
    );
  });
});
