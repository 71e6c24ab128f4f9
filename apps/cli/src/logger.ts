import { type LogFormat, type LogLevel, parseLogFormat } from '@ohlcv/app-settings';
import { createLogger as createAppLogger } from '@ohlcv/health';
import type { Logger } from 'pino';
import { stderrLogDestination } from './terminal-gate';

/** `--log-format` (a global option, see program.ts), else OHLCV_LOG_FORMAT, else auto. */
function logFormatFrom(env: Readonly<Record<string, string | undefined>>): LogFormat {
  const raw = env.OHLCV_LOG_FORMAT;
  return raw === undefined || raw.trim() === '' ? 'auto' : parseLogFormat(raw);
}

/**
 * Logs on stderr (stdout is reserved for candles): readable lines on a terminal, JSON lines when
 * stderr is not one or with --log-format json. Lines go through the terminal gate so a live board
 * of open candles stays intact.
 */
export function createLogger(level: LogLevel): Logger {
  return createAppLogger(level, 'ohlcv', {
    fd: 2,
    sink: stderrLogDestination,
    format: logFormatFrom(process.env),
  });
}
