import type { LogLevel } from '@ohlcv/app-settings';
import { type Logger, pino } from 'pino';
import { stderrLogDestination } from './terminal-gate';

/** Structured JSON logs on stderr; stdout is reserved for candles. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { app: 'ohlcv' } }, stderrLogDestination);
}
