export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Python logging's level names (the older connector's), mapped onto pino's. */
const PYTHON_LEVELS: ReadonlyMap<string, LogLevel> = new Map([
  ['warning', 'warn'],
  ['critical', 'fatal'],
  ['notset', 'trace'],
]);

/** A pino level, any case; Python's names (`WARNING`, `CRITICAL`, `NOTSET`) are accepted too. */
export function parseLogLevel(raw: string): LogLevel {
  const value = raw.trim().toLowerCase();
  const level = LOG_LEVELS.find((entry) => entry === value) ?? PYTHON_LEVELS.get(value);
  if (level !== undefined) return level;
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  throw new Error(
    `unknown log level "${shown}": expected one of ${LOG_LEVELS.join(', ')} (or Python's WARNING, CRITICAL, NOTSET)`,
  );
}
