import { parseStreamKey, type StreamId } from '@ohlcv/core';
import type { Command } from 'commander';
import { type ExportFormat, runExport } from '../export/run-export';
import { createLogger } from '../logger';
import { parseTime } from '../parse-time';
import { flagValue, parseLogLevel, setting } from '../settings';
import { UsageError } from '../usage-error';
import { parseExchangeArgument } from '../venue-settings';
import { readStoreUrl, STORE_OPTION_HELP } from './store-settings';

interface ExportFlags {
  store?: string;
  format?: string;
  out?: string;
  from?: string;
  to?: string;
  logLevel?: string;
}

const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'ndjson', 'parquet'];

function parseExportFormat(raw: string): ExportFormat {
  if ((EXPORT_FORMATS as readonly string[]).includes(raw)) return raw as ExportFormat;
  throw new Error(`unknown format "${raw}": expected one of ${EXPORT_FORMATS.join(', ')}`);
}

export function registerExportCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('export')
    .description('write the candles kept in a store as csv, ndjson or Parquet')
    .argument(
      '[stream...]',
      'exchange:market:symbol:interval with the native symbol (default: every stored stream)',
    )
    .option('--store <url>', STORE_OPTION_HELP)
    .option(
      '-f, --format <format>',
      'csv, ndjson or parquet (default: from the --out extension, else ndjson)',
    )
    .option('-o, --out <file>', 'write to this file instead of stdout (required for parquet)')
    .option('--from <time>', 'first open time, inclusive: ISO 8601 or epoch ms (default: the first stored)')
    .option('--to <time>', 'end, exclusive: ISO 8601 or epoch ms (default: the last stored)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent [env OHLCV_LOG_LEVEL]')
    .addHelpText(
      'after',
      `
Examples:
  ohlcv export --store sqlite:./candles.db --format csv > all.csv
  ohlcv export binance:spot:BTCUSDT:1m --from 2025-01-01 --out btc.parquet
  ohlcv export --store postgres://ohlcv@localhost/candles --format ndjson --out candles.ndjson

Streams are written one after another, each in increasing open time; the Parquet columns are the
Candle fields (times as INT64 ms since epoch).
Exit codes: 0 done, 1 runtime failure (store unreachable), 2 bad usage.`,
    )
    .action(async (streams: string[], flags: ExportFlags) => {
      setExitCode(await exportAction(streams, flags, process.env));
    });
}

async function exportAction(
  inputs: string[],
  flags: ExportFlags,
  env: Record<string, string | undefined>,
): Promise<number> {
  const streams: StreamId[] = inputs.map((input) => {
    let id: StreamId;
    try {
      id = parseStreamKey(input);
    } catch (error) {
      throw new UsageError((error as Error).message, 'e.g. binance:spot:BTCUSDT:1m');
    }
    return { ...id, exchange: parseExchangeArgument(id.exchange) };
  });
  const extension = flags.out?.split('.').pop()?.toLowerCase();
  const format =
    flagValue('--format', flags.format, parseExportFormat) ??
    (extension !== undefined && (EXPORT_FORMATS as readonly string[]).includes(extension)
      ? (extension as ExportFormat)
      : 'ndjson');
  if (format === 'parquet' && flags.out === undefined)
    throw new UsageError('--format parquet needs --out FILE', 'e.g. --out candles.parquet');
  const logLevel = setting(
    { name: '--log-level', value: flags.logLevel },
    { name: 'OHLCV_LOG_LEVEL', source: env },
    parseLogLevel,
    'info',
  );
  return runExport({
    storeUrl: readStoreUrl(flags.store, env),
    streams,
    from: flagValue('--from', flags.from, parseTime) ?? 0,
    to: flagValue('--to', flags.to, parseTime) ?? Number.MAX_SAFE_INTEGER,
    format,
    out: flags.out,
    logger: createLogger(logLevel),
  });
}
