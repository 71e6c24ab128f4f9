import { type Env, type LogLevel, parseLogLevel, SettingError, secondsAsMs } from '@ohlcv/app-settings';

/**
 * The older Python connector's environment (`CONNECTOR_*`, its .env.example): every variable is either
 * honoured (turned into our setting when that is not set) or answered with what replaces it. A
 * replaced variable at one of that connector's default values is accepted with a notice (so its stock
 * .env.example starts); a tuned value stops start-up, naming the variable and its replacement.
 */

/** Honoured: the variable (seconds where the old one was seconds) becomes one of ours. */
const HONOURED: ReadonlyArray<{ name: string; ours: string; convert: (raw: string) => string }> = [
  { name: 'CONNECTOR_WSS_SUBSCRIBE_TIMEOUT', ours: 'OHLCV_WSS_LEGACY_SUBSCRIBE_TIMEOUT_MS', convert: ms },
  { name: 'CONNECTOR_STREAM_IDLE_TIMEOUT', ours: 'OHLCV_WSS_LEGACY_IDLE_TIMEOUT_MS', convert: ms },
  { name: 'CONNECTOR_WS_PING_INTERVAL', ours: 'OHLCV_WSS_PING_INTERVAL_MS', convert: ms },
  {
    name: 'CONNECTOR_WSS_HEALTH_CHECK_ENABLED',
    ours: 'OHLCV_HEALTH_PORT',
    // Only `true` enabled it there; disabled, the routes are still served on the WebSocket port.
    convert: (raw) => (raw.trim().toLowerCase() === 'true' ? '' : '0'),
  },
];

/** Read by the settings table itself (server-settings.ts), or below (log levels). */
const READ_DIRECTLY = [
  'CONNECTOR_WSS_HOST',
  'CONNECTOR_WSS_PORT',
  'CONNECTOR_WSS_HEALTH_CHECK_PORT',
  'CONNECTOR_WSS_LOG_LEVEL',
  'CONNECTOR_LOG_LEVEL',
] as const;

/** Replaced: what does the job here, and that connector's default values (code and .env.example). */
export const REPLACED: Readonly<Record<string, { by: string; defaults: readonly string[] }>> = {
  CONNECTOR_WS_PING_TIMEOUT: {
    by: 'a client that has not answered a ping by the next one is terminated: set --ping-interval-ms (OHLCV_WSS_PING_INTERVAL_MS)',
    defaults: ['20', '10'],
  },
  CONNECTOR_INACTIVITY_TIMEOUT: {
    by: 'venue silence is detected per venue (re-subscribe, then reconnect, then gap fill over REST): --stall-timeout-ms (OHLCV_STALL_TIMEOUT_MS)',
    defaults: ['3'],
  },
  CONNECTOR_RECONNECT_DELAY: {
    by: 'reconnects back off exponentially with jitter (built in)',
    defaults: ['1'],
  },
  CONNECTOR_REST_TIMEOUT: {
    by: 'REST requests have per-venue timeouts and retries (built in)',
    defaults: ['5'],
  },
  CONNECTOR_MAX_SYMBOL_PER_WS: {
    by: "streams per venue connection follow each venue's own limits (built in)",
    defaults: ['50', '100'],
  },
  CONNECTOR_CIRCUIT_BREAKER_FAILURE_THRESHOLD: {
    by: 'a per-venue circuit breaker is built in (state in /ready)',
    defaults: ['5'],
  },
  CONNECTOR_CIRCUIT_BREAKER_RECOVERY_TIMEOUT: {
    by: 'a per-venue circuit breaker is built in (state in /ready)',
    defaults: ['30'],
  },
  CONNECTOR_CIRCUIT_BREAKER_HALF_OPEN_CALLS: {
    by: 'a per-venue circuit breaker is built in (state in /ready)',
    defaults: ['1'],
  },
  CONNECTOR_CLOSED_QUEUE_MAXSIZE: {
    by: 'each client has an outbox bounded by --max-buffered-bytes (OHLCV_WSS_MAX_BUFFERED_BYTES); closed candles are never dropped',
    defaults: ['1000'],
  },
  CONNECTOR_OPEN_QUEUE_MAXSIZE: {
    by: 'open-candle updates conflate per stream in each client outbox (--max-buffered-bytes)',
    defaults: ['0'],
  },
  CONNECTOR_DEDUPLICATION_WINDOW_SECONDS: {
    by: 'the sequencer drops duplicate candles (built in)',
    defaults: ['120'],
  },
  CONNECTOR_DEDUPLICATION_MAX_ENTRIES: {
    by: 'the sequencer drops duplicate candles (built in)',
    defaults: ['10000'],
  },
  CONNECTOR_REST_POOL_CONNECTIONS: { by: 'HTTP keep-alive pooling is built in (undici)', defaults: ['10'] },
  CONNECTOR_REST_POOL_MAXSIZE: { by: 'HTTP keep-alive pooling is built in (undici)', defaults: ['20'] },
  CONNECTOR_MAX_CONN_PER_EXCHANGE: {
    by: 'upstreams are shared by every client of a stream (built in)',
    defaults: ['0'],
  },
  CONNECTOR_ROUTER_QUEUE_MAXSIZE: {
    by: 'fan-out is one engine subscription per stream (built in)',
    defaults: ['1000'],
  },
  CONNECTOR_DEFAULT_INTERVAL: {
    by: 'the older protocol is always 1m; the current protocol names the interval in each stream key',
    defaults: ['1m'],
  },
};

function ms(raw: string): string {
  return String(secondsAsMs(0)(raw));
}

function sameValue(raw: string, defaults: readonly string[]): boolean {
  const value = raw.trim();
  return defaults.some(
    (entry) =>
      entry === value || (Number(entry) === Number(value) && value !== '' && !Number.isNaN(Number(value))),
  );
}

const SEVERITY: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

export interface LegacyEnvironment {
  /** `env` with our variables filled from the honoured old ones (ours win when both are set). */
  env: Env;
  /** One line per replaced variable accepted at its default: logged at start. */
  notices: string[];
}

/** Applies the older connector's variables; throws a SettingError naming every variable it cannot honour. */
export function legacyEnvironment(env: Env): LegacyEnvironment {
  const result: Record<string, string | undefined> = { ...env };
  const notices: string[] = [];
  const problems: string[] = [];
  for (const { name, ours, convert } of HONOURED) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '' || (env[ours] !== undefined && env[ours]?.trim() !== ''))
      continue;
    try {
      const value = convert(raw);
      if (value !== '') result[ours] = value;
    } catch (error) {
      problems.push(`invalid ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // That connector applied the stricter of its two log levels.
  if (!env.OHLCV_LOG_LEVEL?.trim()) {
    const levels: LogLevel[] = [];
    for (const name of ['CONNECTOR_WSS_LOG_LEVEL', 'CONNECTOR_LOG_LEVEL']) {
      const raw = env[name];
      if (raw === undefined || raw.trim() === '') continue;
      try {
        levels.push(parseLogLevel(raw));
      } catch (error) {
        problems.push(`invalid ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (levels.length > 0)
      result.OHLCV_LOG_LEVEL = levels.reduce((a, b) => (SEVERITY.indexOf(a) >= SEVERITY.indexOf(b) ? a : b));
  }
  const known = new Set<string>([
    ...HONOURED.map((entry) => entry.name),
    ...READ_DIRECTLY,
    ...Object.keys(REPLACED),
  ]);
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('CONNECTOR_') || raw === undefined) continue;
    const replaced = Object.hasOwn(REPLACED, name) ? REPLACED[name] : undefined;
    if (replaced !== undefined) {
      if (sameValue(raw, replaced.defaults))
        notices.push(`${name}=${raw.trim()} has no setting here: ${replaced.by}`);
      else
        problems.push(
          `${name}=${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw} cannot be honoured: ${replaced.by}. Remove it (or set it to ${replaced.defaults.join(' or ')})`,
        );
    } else if (!known.has(name)) {
      problems.push(
        `${name} is not a variable of the older connector nor of ohlcv-wss: see docs/migrating-from-python.md`,
      );
    }
  }
  if (problems.length > 0) throw new SettingError(problems.join('\n'));
  return { env: result, notices };
}
