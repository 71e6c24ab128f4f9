import type { LogLevel } from '@ohlcv/app-settings';
import { destination, type Logger, pino } from 'pino';

/** Structured JSON logs on stderr; stdout is reserved for candles. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { app: 'ohlcv' } }, destination({ fd: 2, sync: true }));
}
