import { addEnvFileOption, addStandardOptions, parseLogFormat } from '@ohlcv/app-settings';
import { Command } from 'commander';
import { registerChartCommand } from './commands/chart-command';
import { registerDemoCommand } from './commands/demo-command';
import { registerExportCommand } from './commands/export-command';
import { registerHistoryCommand } from './commands/history-command';
import { registerIngestCommand } from './commands/ingest-command';
import { registerMarketsCommand } from './commands/markets-command';
import { registerRecordCommand } from './commands/record-command';
import { registerStreamCommand } from './commands/stream-command';
import { UsageError } from './usage-error';
import { VERSION } from './version';

/** Builds the `ohlcv` program. `setExitCode` receives each command's exit code. */
export function createProgram(setExitCode: (code: number) => void): Command {
  const program = addStandardOptions(
    new Command('ohlcv').description(
      'Real-time and historical OHLCV candles from Binance, OKX, Bybit, Gate.io and Hyperliquid',
    ),
    VERSION,
  )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerStreamCommand(program, setExitCode);
  registerHistoryCommand(program, setExitCode);
  registerMarketsCommand(program, setExitCode);
  registerDemoCommand(program, setExitCode);
  registerChartCommand(program, setExitCode);
  registerRecordCommand(program, setExitCode);
  registerExportCommand(program, setExitCode);
  registerIngestCommand(program, setExitCode);
  for (const command of program.commands) {
    addEnvFileOption(command.exitOverride().showHelpAfterError('(run with --help for usage)'));
    command.option(
      '--log-format <format>',
      'logs on stderr: auto (readable on a terminal, else JSON lines), json or pretty (env OHLCV_LOG_FORMAT)',
    );
  }
  // Every logger of the run reads the format from the environment; the flag wins over it.
  program.hook('preAction', (_program, command) => {
    const flag = command.opts<{ logFormat?: string }>().logFormat;
    const raw = flag ?? process.env.OHLCV_LOG_FORMAT;
    if (raw === undefined) return;
    try {
      parseLogFormat(raw);
    } catch (error) {
      const where = flag === undefined ? 'OHLCV_LOG_FORMAT' : '--log-format';
      throw new UsageError(`${where}: ${(error as Error).message}`);
    }
    if (flag !== undefined) process.env.OHLCV_LOG_FORMAT = flag;
  });
  return program;
}

export { CommanderError } from 'commander';
