import { addEnvFileOption, addStandardOptions } from '@ohlcv/app-settings';
import { Command } from 'commander';
import { registerChartCommand } from './commands/chart-command';
import { registerDemoCommand } from './commands/demo-command';
import { registerExportCommand } from './commands/export-command';
import { registerHistoryCommand } from './commands/history-command';
import { registerIngestCommand } from './commands/ingest-command';
import { registerMarketsCommand } from './commands/markets-command';
import { registerRecordCommand } from './commands/record-command';
import { registerStreamCommand } from './commands/stream-command';
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
  for (const command of program.commands)
    addEnvFileOption(command.exitOverride().showHelpAfterError('(run with --help for usage)'));
  return program;
}

export { CommanderError } from 'commander';
