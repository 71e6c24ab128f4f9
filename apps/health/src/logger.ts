import { destination, type Logger, pino } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function parseLogLevel(raw: string): LogLevel {
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  throw new Error(`unknown log level "${raw}": expected one of ${LOG_LEVELS.join(', ')}`);
}

/** Structured JSON logs on stdout. */
export function createLogger(level: LogLevel, app: string): Logger {
  return pino({ level, base: { app } }, destination({ fd: 1, sync: true }));
}
