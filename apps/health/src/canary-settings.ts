import { type LogLevel, parseLogLevel } from './logger';

type Env = Readonly<Record<string, string | undefined>>;

export interface CanarySettings {
  watch: string[];
  host: string;
  port: number;
  logLevel: LogLevel;
  maxSilenceMs: number | undefined;
  stallTimeoutMs: number | undefined;
}

export interface CanaryFlags {
  watch?: string[];
  host?: string;
  port?: string;
  logLevel?: string;
  maxSilenceMs?: string;
  stallTimeoutMs?: string;
}

/** A setting named in an error: the flag or the environment variable the bad value came from. */
export class SettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingError';
  }
}

function pick(
  flag: string | undefined,
  env: Env,
  names: readonly string[],
): { raw: string; where: string } | undefined {
  if (flag !== undefined) return { raw: flag, where: 'flag' };
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { raw: value, where: name };
  }
  return undefined;
}

function parseNonNegativeInteger(raw: string, where: string, maximum = Number.MAX_SAFE_INTEGER): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value > maximum) {
    throw new SettingError(`invalid ${where}: "${raw}" is not an integer between 0 and ${maximum}`);
  }
  return value;
}

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
  const host = pick(flags.host, env, ['OHLCV_HEALTH_HOST'])?.raw ?? '127.0.0.1';
  const port = pick(flags.port, env, ['OHLCV_HEALTH_PORT']);
  const level = pick(flags.logLevel, env, ['OHLCV_LOG_LEVEL']);
  const silence = pick(flags.maxSilenceMs, env, ['OHLCV_HEALTH_MAX_SILENCE_MS']);
  const stall = pick(flags.stallTimeoutMs, env, ['OHLCV_STALL_TIMEOUT_MS']);
  let logLevel: LogLevel = 'info';
  if (level) {
    try {
      logLevel = parseLogLevel(level.raw);
    } catch (error) {
      throw new SettingError(
        `invalid ${level.where === 'flag' ? '--log-level' : level.where}: ${(error as Error).message}`,
      );
    }
  }
  return {
    watch,
    host,
    port: port
      ? parseNonNegativeInteger(port.raw, port.where === 'flag' ? '--port' : port.where, 65_535)
      : 8766,
    logLevel,
    maxSilenceMs: silence
      ? parseNonNegativeInteger(silence.raw, silence.where === 'flag' ? '--max-silence-ms' : silence.where)
      : undefined,
    stallTimeoutMs: stall
      ? parseNonNegativeInteger(stall.raw, stall.where === 'flag' ? '--stall-timeout-ms' : stall.where)
      : undefined,
  };
}
