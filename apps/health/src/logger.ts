import { LOG_LEVELS, type LogLevel, parseLogLevel } from '@ohlcv/app-settings';
import { destination, type Logger, pino } from 'pino';

export type { LogLevel };
export { LOG_LEVELS, parseLogLevel };

/** Structured JSON logs on stdout. */
export function createLogger(level: LogLevel, app: string): Logger {
  return pino({ level, base: { app } }, destination({ fd: 1, sync: true }));
}
