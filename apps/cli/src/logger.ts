import { type Logger, pino } from 'pino';
import { stderrLogDestination } from './terminal-gate';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured JSON logs on stderr; stdout is reserved for candles. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { app: 'ohlcv' } }, stderrLogDestination);
}
