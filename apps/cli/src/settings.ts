import { parseLogLevel, resolveSetting, SettingError } from '@ohlcv/app-settings';
import { type Interval, type MarketType, OhlcvError, parseInterval, parseMarketType } from '@ohlcv/core';
import { OUTPUT_FORMATS, type OutputFormat } from './format/candle-formatter';
import { UsageError } from './usage-error';

type Env = Record<string, string | undefined>;

/**
 * One setting: the flag's value wins, then the environment variable, then the default (the shared
 * mechanism of @ohlcv/app-settings). A bad value is a usage error naming the flag or variable.
 */
export function setting<T>(
  flag: { name: string; value: string | undefined },
  env: { name: string; source: Env },
  parse: (raw: string) => T,
  fallback: T,
): T {
  try {
    return resolveSetting({ flag: flag.name, env: [env.name], fallback, parse }, flag.value, env.source)
      .value;
  } catch (error) {
    if (error instanceof SettingError) throw new UsageError(error.message, 'see ohlcv --help');
    throw error;
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

export { parseLogLevel };

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
