import { destination, type Logger, pino } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured JSON logs on stderr; stdout is reserved for candles. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { app: 'ohlcv' } }, destination({ fd: 2, sync: true }));
}
