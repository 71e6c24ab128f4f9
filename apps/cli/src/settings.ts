import { type Interval, type MarketType, OhlcvError, parseInterval, parseMarketType } from '@ohlcv/core';
import { OUTPUT_FORMATS, type OutputFormat } from './format/candle-formatter';
import { LOG_LEVELS, type LogLevel } from './logger';
import { UsageError } from './usage-error';

type Env = Record<string, string | undefined>;

/**
 * One setting: the flag's value wins, then the environment variable, then the default. A bad value is
 * a usage error naming the flag or variable it came from.
 */
export function setting<T>(
  flag: { name: string; value: string | undefined },
  env: { name: string; source: Env },
  parse: (raw: string) => T,
  fallback: T,
): T {
  const fromFlag = flag.value;
  const fromEnv = env.source[env.name];
  const raw = fromFlag ?? (fromEnv === '' ? undefined : fromEnv);
  if (raw === undefined) return fallback;
  try {
    return parse(raw);
  } catch (error) {
    const where = fromFlag !== undefined ? flag.name : env.name;
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`invalid ${where}: ${reason}`, `see ohlcv --help`);
  }
}

function wrap<T>(parse: (raw: string) => T): (raw: string) => T {
  return (raw) => {
    try {
      return parse(raw);
    } catch (error) {
      if (OhlcvError.isInstance(error)) throw new Error(error.message);
      throw error;
    }
  };
}

export const parseMarketSetting: (raw: string) => MarketType = wrap(parseMarketType);
export const parseIntervalSetting: (raw: string) => Interval = wrap(parseInterval);

export function parseFormat(raw: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(raw)) return raw as OutputFormat;
  throw new Error(`unknown format "${raw}": expected one of ${OUTPUT_FORMATS.join(', ')}`);
}

export function parseLogLevel(raw: string): LogLevel {
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  throw new Error(`unknown log level "${raw}": expected one of ${LOG_LEVELS.join(', ')}`);
}

export function parsePositiveInteger(raw: string): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0 || !/^\d+$/.test(raw.trim())) {
    throw new Error(`"${raw}" is not a positive integer`);
  }
  return value;
}

export function parseBoolean(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new Error(`"${raw}" is not a boolean (true/false)`);
}

/** A flag without an environment variable: its parsed value, or a usage error naming the flag. */
export function flagValue<T>(
  name: string,
  raw: string | undefined,
  parse: (raw: string) => T,
): T | undefined {
  return setting({ name, value: raw }, { name, source: {} }, parse, undefined);
}
