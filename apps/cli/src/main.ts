import { loadEnvFile, SettingError } from '@ohlcv/app-settings';
import { OhlcvError } from '@ohlcv/core';
import { CommanderError, createProgram } from './program';
import { EXIT, UsageError } from './usage-error';

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. Never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = createProgram((code) => {
    exitCode = code;
  });
  try {
    // A .env file (--env-file, else ./.env) fills variables not already set, before any command reads them.
    for (const [name, value] of Object.entries(loadEnvFile(argv, process.env).env)) {
      if (process.env[name] === undefined && value !== undefined) process.env[name] = value;
    }
  } catch (error) {
    if (!(error instanceof SettingError)) throw error;
    process.stderr.write(`ohlcv: ${error.message}\n`);
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; unknown flags and commands are usage errors.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`ohlcv: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `ohlcv: ${OhlcvError.isInstance(error) ? message : `unexpected failure: ${message}`}\n`,
    );
    return EXIT.failure;
  }
}
