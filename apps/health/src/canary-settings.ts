import {
  type Env,
  integer,
  type LogLevel,
  parseLogLevel,
  type RawFlags,
  resolveSettings,
  SettingError,
  type SettingSpecs,
  text,
} from '@ohlcv/app-settings';

export { SettingError };

export interface CanarySettings {
  watch: string[];
  host: string;
  port: number;
  logLevel: LogLevel;
  maxSilenceMs: number | undefined;
  stallTimeoutMs: number | undefined;
}

export interface CanaryFlags extends RawFlags<Omit<CanarySettings, 'watch'>> {
  watch?: string[];
}

/** Every setting but `watch` (repeatable): flag, env names, default, parser. */
export const CANARY_SETTING_SPECS: SettingSpecs<Omit<CanarySettings, 'watch'>> = {
  host: { flag: '--host', env: ['OHLCV_HEALTH_HOST'], fallback: '127.0.0.1', parse: text },
  port: { flag: '--port', env: ['OHLCV_HEALTH_PORT'], fallback: 8766, parse: integer(0, 65_535) },
  logLevel: { flag: '--log-level', env: ['OHLCV_LOG_LEVEL'], fallback: 'info', parse: parseLogLevel },
  maxSilenceMs: {
    flag: '--max-silence-ms',
    env: ['OHLCV_HEALTH_MAX_SILENCE_MS'],
    fallback: undefined,
    parse: integer(0),
  },
  stallTimeoutMs: {
    flag: '--stall-timeout-ms',
    env: ['OHLCV_STALL_TIMEOUT_MS'],
    fallback: undefined,
    parse: integer(0),
  },
};

/** Flags win over env (`OHLCV_HEALTH_*`, `OHLCV_LOG_LEVEL`), env over defaults; every bad value names its setting. */
export function canarySettings(flags: CanaryFlags, env: Env): CanarySettings {
  const watchFlag = flags.watch && flags.watch.length > 0 ? flags.watch : undefined;
  const watch =
    watchFlag ??
    (env.OHLCV_HEALTH_WATCH ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0);
  if (watch.length === 0) {
    throw new SettingError(
      'nothing to watch: pass --watch exchange:market:symbol:interval (repeatable) or set OHLCV_HEALTH_WATCH',
    );
  }
  const { watch: _watch, ...rest } = flags;
  return { watch, ...resolveSettings(CANARY_SETTING_SPECS, rest, env) };
}
