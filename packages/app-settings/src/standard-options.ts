import type { Command } from 'commander';

const ENV_FILE_HELP =
  'read environment variables from this file (default: ./.env when present; variables already set win)';

/** `--env-file <path>`: read by `loadEnvFile` before the settings are resolved; declared so --help lists it. */
export function addEnvFileOption(command: Command): Command {
  return command.option('--env-file <path>', ENV_FILE_HELP);
}

/** The options every ohlcv binary has: `-V, --version` (commander's convention) and `--env-file`. */
export function addStandardOptions(command: Command, version: string): Command {
  return addEnvFileOption(command.version(version, '-V, --version', 'print the version and exit'));
}
