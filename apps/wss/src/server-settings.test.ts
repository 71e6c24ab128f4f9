import { describe, expect, it } from 'vitest';
import { isLoopbackHost, serverSettings } from './server-settings';

describe('serverSettings', () => {
  it('uses the defaults', () => {
    expect(serverSettings({}, {})).toMatchObject({
      host: '127.0.0.1',
      port: 8765,
      healthPort: 8766,
      logLevel: 'info',
      token: undefined,
      maxClients: 1_000,
    });
  });

  it('takes flags over OHLCV_ env over the older connector env', () => {
    const env = {
      OHLCV_WSS_PORT: '9000',
      CONNECTOR_WSS_PORT: '9100',
      CONNECTOR_WSS_HOST: '127.0.0.2',
      CONNECTOR_WSS_HEALTH_CHECK_PORT: '0',
    };
    expect(serverSettings({}, env)).toMatchObject({ port: 9000, host: '127.0.0.2', healthPort: 0 });
    expect(serverSettings({ port: '0' }, env)).toMatchObject({ port: 0 });
    expect(serverSettings({}, { CONNECTOR_WSS_PORT: '9100' })).toMatchObject({ port: 9100 });
  });

  it('names the flag or variable of a bad value', () => {
    expect(() => serverSettings({ port: '70000' }, {})).toThrow(
      'invalid --port: "70000" is not an integer between 0 and 65535',
    );
    expect(() => serverSettings({}, { OHLCV_WSS_MAX_CLIENTS: '0' })).toThrow(/invalid OHLCV_WSS_MAX_CLIENTS/);
    expect(() => serverSettings({}, { OHLCV_LOG_LEVEL: 'chatty' })).toThrow(
      /invalid OHLCV_LOG_LEVEL: unknown log level "chatty"/,
    );
  });

  it('refuses a non-loopback host without a token unless explicitly allowed', () => {
    expect(() => serverSettings({ host: '0.0.0.0' }, {})).toThrow(
      /refusing to listen on non-loopback host "0.0.0.0"/,
    );
    expect(serverSettings({ host: '0.0.0.0' }, { OHLCV_WSS_TOKEN: 't' })).toMatchObject({ token: 't' });
    expect(serverSettings({ host: '0.0.0.0', allowUnauthenticatedRemote: true }, {}).host).toBe('0.0.0.0');
    expect(serverSettings({ host: '0.0.0.0' }, { OHLCV_WSS_ALLOW_UNAUTHENTICATED_REMOTE: 'true' }).host).toBe(
      '0.0.0.0',
    );
  });

  it('serves the chart page when asked, leaving the default to the host', () => {
    expect(serverSettings({}, {}).ui).toBeUndefined();
    expect(serverSettings({ ui: false }, { OHLCV_WSS_UI: 'true' }).ui).toBe(false);
    expect(serverSettings({}, { OHLCV_WSS_UI: 'yes' }).ui).toBe(true);
    expect(() => serverSettings({}, { OHLCV_WSS_UI: 'maybe' })).toThrow(
      'invalid OHLCV_WSS_UI: "maybe" is not a boolean',
    );
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', '::'].some(isLoopbackHost)).toBe(false);
  });
});
