import { describe, expect, it } from 'vitest';
import { legacyEnvironment, REPLACED } from './legacy-env';
import { serverSettings } from './server-settings';

/** The older connector's .env.example (legacy-python-connector.md §5). */
const STOCK_ENV_EXAMPLE: Record<string, string> = {
  CONNECTOR_INACTIVITY_TIMEOUT: '3.0',
  CONNECTOR_RECONNECT_DELAY: '1.0',
  CONNECTOR_REST_TIMEOUT: '5.0',
  CONNECTOR_WS_PING_INTERVAL: '20.0',
  CONNECTOR_WS_PING_TIMEOUT: '10.0',
  CONNECTOR_STREAM_IDLE_TIMEOUT: '8.0',
  CONNECTOR_MAX_SYMBOL_PER_WS: '100',
  CONNECTOR_LOG_LEVEL: 'INFO',
  CONNECTOR_CIRCUIT_BREAKER_FAILURE_THRESHOLD: '5',
  CONNECTOR_CIRCUIT_BREAKER_RECOVERY_TIMEOUT: '30.0',
  CONNECTOR_CIRCUIT_BREAKER_HALF_OPEN_CALLS: '1',
  CONNECTOR_CLOSED_QUEUE_MAXSIZE: '1000',
  CONNECTOR_OPEN_QUEUE_MAXSIZE: '0',
  CONNECTOR_DEDUPLICATION_WINDOW_SECONDS: '120.0',
  CONNECTOR_DEDUPLICATION_MAX_ENTRIES: '10000',
  CONNECTOR_REST_POOL_CONNECTIONS: '10',
  CONNECTOR_REST_POOL_MAXSIZE: '20',
  CONNECTOR_WSS_HOST: '0.0.0.0',
  CONNECTOR_WSS_PORT: '8765',
  CONNECTOR_WSS_LOG_LEVEL: 'INFO',
  CONNECTOR_WSS_SUBSCRIBE_TIMEOUT: '10.0',
  CONNECTOR_WSS_HEALTH_CHECK_PORT: '8766',
  CONNECTOR_WSS_HEALTH_CHECK_ENABLED: 'true',
};

function settingsOf(env: Record<string, string>) {
  return serverSettings({ allowUnauthenticatedRemote: true }, legacyEnvironment(env).env);
}

describe('the older connector variables', () => {
  it('starts from its stock .env.example: honoured ones applied, the others noticed', () => {
    const { notices } = legacyEnvironment(STOCK_ENV_EXAMPLE);
    expect(settingsOf(STOCK_ENV_EXAMPLE)).toMatchObject({
      host: '0.0.0.0',
      port: 8765,
      healthPort: 8766,
      logLevel: 'info',
      pingIntervalMs: 20_000,
      legacySubscribeTimeoutMs: 10_000,
      legacyIdleTimeoutMs: 8_000,
    });
    for (const name of Object.keys(STOCK_ENV_EXAMPLE).filter((key) => Object.hasOwn(REPLACED, key))) {
      expect(notices.some((notice) => notice.startsWith(`${name}=`))).toBe(true);
    }
  });

  it('honours each variable that has a meaning here', () => {
    expect(settingsOf({ CONNECTOR_WSS_HOST: '127.0.0.2' }).host).toBe('127.0.0.2');
    expect(settingsOf({ CONNECTOR_WSS_PORT: '9001' }).port).toBe(9001);
    expect(settingsOf({ CONNECTOR_WSS_HEALTH_CHECK_PORT: '8768' }).healthPort).toBe(8768);
    expect(settingsOf({ CONNECTOR_WSS_HEALTH_CHECK_ENABLED: 'false' }).healthPort).toBe(0);
    expect(settingsOf({ CONNECTOR_WSS_HEALTH_CHECK_ENABLED: 'TRUE' }).healthPort).toBe(8766);
    expect(settingsOf({ CONNECTOR_WSS_SUBSCRIBE_TIMEOUT: '2.5' }).legacySubscribeTimeoutMs).toBe(2_500);
    expect(settingsOf({ CONNECTOR_STREAM_IDLE_TIMEOUT: '30' }).legacyIdleTimeoutMs).toBe(30_000);
    expect(settingsOf({ CONNECTOR_WS_PING_INTERVAL: '5' }).pingIntervalMs).toBe(5_000);
    expect(settingsOf({ CONNECTOR_WSS_LOG_LEVEL: 'WARNING' }).logLevel).toBe('warn');
    expect(settingsOf({ CONNECTOR_LOG_LEVEL: 'critical' }).logLevel).toBe('fatal');
    // The stricter of the two applied there.
    expect(settingsOf({ CONNECTOR_LOG_LEVEL: 'INFO', CONNECTOR_WSS_LOG_LEVEL: 'DEBUG' }).logLevel).toBe(
      'info',
    );
    // Ours win when both are set.
    expect(settingsOf({ CONNECTOR_WSS_PORT: '9001', OHLCV_WSS_PORT: '9002' }).port).toBe(9002);
    expect(
      settingsOf({ CONNECTOR_STREAM_IDLE_TIMEOUT: '30', OHLCV_WSS_LEGACY_IDLE_TIMEOUT_MS: '5' })
        .legacyIdleTimeoutMs,
    ).toBe(5);
  });

  it.each(Object.keys(REPLACED))(
    '%s: a tuned value stops start-up, naming it and what replaces it',
    (name) => {
      expect(() => legacyEnvironment({ [name]: '777' })).toThrow(
        new RegExp(`^${name}=777 cannot be honoured: .+\\. Remove it`),
      );
      const atDefault = REPLACED[name]!.defaults[0]!;
      expect(legacyEnvironment({ [name]: atDefault }).notices).toEqual([
        expect.stringMatching(new RegExp(`^${name}=`)),
      ]);
    },
  );

  it('names a bad value and an unknown CONNECTOR_ variable', () => {
    expect(() => legacyEnvironment({ CONNECTOR_STREAM_IDLE_TIMEOUT: 'soon' })).toThrow(
      'invalid CONNECTOR_STREAM_IDLE_TIMEOUT: "soon" is not a number of seconds',
    );
    expect(() => legacyEnvironment({ CONNECTOR_LOG_LEVEL: 'LOUD' })).toThrow(
      /invalid CONNECTOR_LOG_LEVEL: unknown log level "LOUD"/,
    );
    expect(() => legacyEnvironment({ CONNECTOR_WS_HOST: '0.0.0.0' })).toThrow(
      'CONNECTOR_WS_HOST is not a variable of the older connector nor of ohlcv-wss',
    );
  });

  it('says exactly what to add when its 0.0.0.0 host meets no token', () => {
    expect(() => serverSettings({}, legacyEnvironment(STOCK_ENV_EXAMPLE).env)).toThrow(
      /"0\.0\.0\.0" \(from CONNECTOR_WSS_HOST\) without authentication: add OHLCV_WSS_TOKEN=<secret> .*or pass --allow-unauthenticated-remote/,
    );
    expect(
      serverSettings({}, { ...legacyEnvironment(STOCK_ENV_EXAMPLE).env, OHLCV_WSS_TOKEN: 's3cret-token' })
        .host,
    ).toBe('0.0.0.0');
  });
});
