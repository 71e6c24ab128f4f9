import { Writable } from 'node:stream';
import { isatty } from 'node:tty';
import { LOG_LEVELS, type LogFormat, type LogLevel, parseLogLevel } from '@ohlcv/app-settings';
import { type DestinationStream, destination, type Logger, pino } from 'pino';
import PinoPretty from 'pino-pretty';

export type { LogLevel };
export { LOG_LEVELS, parseLogLevel };

export interface LoggerOptions {
  /** `auto` (default): human-readable on a terminal, JSON lines otherwise. */
  format?: LogFormat;
  /** File descriptor written to (default 1, stdout). */
  fd?: 1 | 2;
  /** Where lines go instead of `fd` (e.g. a writer that keeps a live terminal view intact). */
  sink?: { write(line: string): void };
}

/** Whether `auto` means pretty for this descriptor: a terminal, unless NO_COLOR-style dumb terminals. */
function prettyByDefault(fd: number): boolean {
  return isatty(fd) && process.env.TERM !== 'dumb';
}

function prettyStream(fd: number, sink: LoggerOptions['sink']): DestinationStream {
  return PinoPretty({
    colorize: isatty(fd) && process.env.NO_COLOR === undefined,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,app',
    singleLine: true,
    sync: true,
    destination: sink
      ? new Writable({
          write(chunk: Buffer, _encoding, done) {
            sink.write(chunk.toString('utf8'));
            done();
          },
        })
      : fd,
  });
}

/**
 * The apps' logger: JSON lines (pino) for machines, or on a terminal one readable line per event —
 * local time, level, message, then the event's fields — in colour when the terminal supports it.
 */
export function createLogger(level: LogLevel, app: string, options: LoggerOptions = {}): Logger {
  const fd = options.fd ?? 1;
  const format = options.format ?? 'auto';
  const pretty = format === 'pretty' || (format === 'auto' && prettyByDefault(fd));
  if (pretty) return pino({ level, base: { app } }, prettyStream(fd, options.sink));
  if (options.sink) return pino({ level, base: { app } }, options.sink as DestinationStream);
  return pino({ level, base: { app } }, destination({ fd, sync: true }));
}
