import { stderrLogDestination } from './terminal-gate';

/** A one-line message for the user on stderr (terminal failures), apart from the JSON logs. */
export function reportError(message: string): void {
  stderrLogDestination.write(`ohlcv: ${message}\n`);
}
