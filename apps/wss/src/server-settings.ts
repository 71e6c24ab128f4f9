import {
  boolean,
  type Env,
  integer,
  type LogFormat,
  type LogLevel,
  parseLogFormat,
  parseLogLevel,
  type RawFlags,
  resolveSetting,
  resolveSettings,
  SettingError,
  type SettingSpecs,
  text,
} from '@ohlcv/app-settings';

export { SettingError };

export interface ServerSettings {
  host: string;
  port: number;
  /** 0 = no separate health port (the routes are still served on the main port). */
  healthPort: number;
  logLevel: LogLevel;
  /** Readable lines on a terminal, JSON lines otherwise (auto); or always json / pretty. */
  logFormat: LogFormat;
  /** Shared secret clients must present; undefined = no auth. */
  token: string | undefined;
  /** Allow binding a non-loopback host without a token. */
  allowUnauthenticatedRemote: boolean;
  maxClients: number;
  /** Connections at most from one IP address. */
  maxClientsPerAddress: number;
  /** Close a client subscribed to nothing for this long; 0 = never. */
  idleTimeoutMs: number;
  /** Upstream (venue) streams at most, over all clients. */
  maxUpstreams: number;
  /** History joins (streams subscribed with `history` > 0) per client per minute. */
  maxHistoryJoinsPerMinute: number;
  maxStreamsPerClient: number;
  maxMessageBytes: number;
  maxOpsPerSecond: number;
  maxBufferedBytes: number;
  maxHistory: number;
  lingerMs: number;
  pingIntervalMs: number;
  stallTimeoutMs: number | undefined;
  shutdownTimeoutMs: number;
  /** Older protocol: close a connection that sent no subscribe within this; 0 = off. */
  legacySubscribeTimeoutMs: number;
  /** Older protocol: end a subscription that got no quote for this long; 0 = off. */
  legacyIdleTimeoutMs: number;
  /** Also expose the older connector's `connector_*` metric names, fed with real values. */
  legacyMetrics: boolean;
  /** Serve the chart page at `/`; undefined = on when the host is loopback. */
  ui: boolean | undefined;
}

/** Raw flag values as commander gives them (strings; booleans for switches). */
export type ServerFlags = RawFlags<ServerSettings>;

const PORT = integer(0, 65_535);

/** Shortest shared secret accepted: a short token is guessable. */
const MIN_TOKEN_LENGTH = 16;

function secret(raw: string): string {
  const value = text(raw);
  if (value.length < MIN_TOKEN_LENGTH) {
    throw new Error(`must be at least ${MIN_TOKEN_LENGTH} characters long (got ${value.length})`);
  }
  return value;
}

/** Every setting: flag, env names, default, parser. Flags override env; env overrides defaults. */
export const SETTING_SPECS: SettingSpecs<ServerSettings> = {
  host: { flag: '--host', env: ['OHLCV_WSS_HOST', 'CONNECTOR_WSS_HOST'], fallback: '127.0.0.1', parse: text },
  port: { flag: '--port', env: ['OHLCV_WSS_PORT', 'CONNECTOR_WSS_PORT'], fallback: 8765, parse: PORT },
  healthPort: {
    flag: '--health-port',
    env: ['OHLCV_HEALTH_PORT', 'CONNECTOR_WSS_HEALTH_CHECK_PORT'],
    fallback: 8766,
    parse: PORT,
  },
  logLevel: { flag: '--log-level', env: ['OHLCV_LOG_LEVEL'], fallback: 'info', parse: parseLogLevel },
  logFormat: { flag: '--log-format', env: ['OHLCV_LOG_FORMAT'], fallback: 'auto', parse: parseLogFormat },
  token: { flag: undefined, env: ['OHLCV_WSS_TOKEN'], fallback: undefined, parse: secret },
  allowUnauthenticatedRemote: {
    flag: '--allow-unauthenticated-remote',
    env: ['OHLCV_WSS_ALLOW_UNAUTHENTICATED_REMOTE'],
    fallback: false,
    parse: boolean,
  },
  maxClients: { flag: '--max-clients', env: ['OHLCV_WSS_MAX_CLIENTS'], fallback: 1_000, parse: integer(1) },
  maxClientsPerAddress: {
    flag: '--max-clients-per-address',
    env: ['OHLCV_WSS_MAX_CLIENTS_PER_ADDRESS'],
    fallback: 100,
    parse: integer(1),
  },
  idleTimeoutMs: {
    flag: '--idle-timeout-ms',
    env: ['OHLCV_WSS_IDLE_TIMEOUT_MS'],
    fallback: 60_000,
    parse: integer(0),
  },
  maxUpstreams: {
    flag: '--max-upstreams',
    env: ['OHLCV_WSS_MAX_UPSTREAMS'],
    fallback: 2_000,
    parse: integer(1),
  },
  maxHistoryJoinsPerMinute: {
    flag: '--max-history-joins-per-minute',
    env: ['OHLCV_WSS_MAX_HISTORY_JOINS_PER_MINUTE'],
    fallback: 60,
    parse: integer(1),
  },
  maxStreamsPerClient: {
    flag: '--max-streams-per-client',
    env: ['OHLCV_WSS_MAX_STREAMS_PER_CLIENT'],
    fallback: 200,
    parse: integer(1),
  },
  maxMessageBytes: {
    flag: '--max-message-bytes',
    env: ['OHLCV_WSS_MAX_MESSAGE_BYTES'],
    fallback: 65_536,
    parse: integer(64, 16 * 1024 * 1024),
  },
  maxOpsPerSecond: {
    flag: '--max-ops-per-second',
    env: ['OHLCV_WSS_MAX_OPS_PER_SECOND'],
    fallback: 20,
    parse: integer(1),
  },
  maxBufferedBytes: {
    flag: '--max-buffered-bytes',
    env: ['OHLCV_WSS_MAX_BUFFERED_BYTES'],
    fallback: 4 * 1024 * 1024,
    parse: integer(4_096),
  },
  maxHistory: {
    flag: '--max-history',
    env: ['OHLCV_WSS_MAX_HISTORY'],
    fallback: 1_000,
    parse: integer(0, 100_000),
  },
  lingerMs: { flag: '--linger-ms', env: ['OHLCV_WSS_LINGER_MS'], fallback: 5_000, parse: integer(0) },
  pingIntervalMs: {
    flag: '--ping-interval-ms',
    env: ['OHLCV_WSS_PING_INTERVAL_MS'],
    fallback: 30_000,
    parse: integer(100),
  },
  stallTimeoutMs: {
    flag: '--stall-timeout-ms',
    env: ['OHLCV_STALL_TIMEOUT_MS'],
    fallback: undefined,
    parse: integer(1),
  },
  shutdownTimeoutMs: {
    flag: '--shutdown-timeout-ms',
    env: ['OHLCV_WSS_SHUTDOWN_TIMEOUT_MS'],
    fallback: 3_000,
    parse: integer(0, 60_000),
  },
  legacySubscribeTimeoutMs: {
    flag: '--legacy-subscribe-timeout-ms',
    env: ['OHLCV_WSS_LEGACY_SUBSCRIBE_TIMEOUT_MS'],
    fallback: 0,
    parse: integer(0),
  },
  legacyIdleTimeoutMs: {
    flag: '--legacy-idle-timeout-ms',
    env: ['OHLCV_WSS_LEGACY_IDLE_TIMEOUT_MS'],
    fallback: 10_000,
    parse: integer(0),
  },
  legacyMetrics: {
    flag: '--legacy-metrics',
    env: ['OHLCV_WSS_LEGACY_METRICS'],
    fallback: false,
    parse: boolean,
  },
  ui: { flag: '--ui', env: ['OHLCV_WSS_UI'], fallback: undefined, parse: boolean },
};

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Resolves every setting (flag, else the first env variable set, else the default) and validates it;
 * an error names the flag or variable. Refuses a non-loopback host without a token unless allowed.
 */
export function serverSettings(flags: ServerFlags, env: Env): ServerSettings {
  const settings = resolveSettings(SETTING_SPECS, flags, env);
  if (!settings.token && !settings.allowUnauthenticatedRemote && !isLoopbackHost(settings.host)) {
    const where = resolveSetting(SETTING_SPECS.host, flags.host, env).where;
    throw new SettingError(
      `refusing to listen on non-loopback host "${settings.host}" (from ${where}) without authentication: ` +
        'add OHLCV_WSS_TOKEN=<secret> to the environment or .env (clients send "Authorization: Bearer <secret>" or connect to ws://host:port/?token=<secret>), ' +
        'or pass --allow-unauthenticated-remote (OHLCV_WSS_ALLOW_UNAUTHENTICATED_REMOTE=true) to accept anyone',
    );
  }
  return settings;
}
