import { venues } from '@ohlcv/venues';
import type { Command } from 'commander';
import type { FileFormat } from '../history/candle-line';
import { formatFromExtension } from '../history/file-format';
import { shouldShowProgress } from '../history/history-progress';
import { runHistory } from '../history/run-history';
import { marketFor } from '../infer-market';
import { parseTime } from '../parse-time';
import { flagValue, parseIntervalSetting, setting } from '../settings';
import { UsageError } from '../usage-error';
import { readVenueSettings, type VenueFlags } from '../venue-settings';
import { readStoreUrl, STORE_OPTION_HELP } from './store-settings';

interface HistoryFlags extends VenueFlags {
  from?: string;
  to?: string;
  interval?: string;
  includeOpen?: boolean;
  format?: string;
  out?: string;
  resume?: boolean;
  quiet?: boolean;
  store?: string;
}

const FILE_FORMATS: readonly FileFormat[] = ['ndjson', 'csv'];

function parseFileFormat(raw: string): FileFormat {
  if ((FILE_FORMATS as readonly string[]).includes(raw)) return raw as FileFormat;
  throw new Error(`unknown format "${raw}": expected one of ${FILE_FORMATS.join(', ')}`);
}

export function registerHistoryCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('history')
    .description('download closed candles of a time range over REST, to stdout or a file')
    .argument('<exchange>', venues.describe())
    .argument('<symbol>', 'native (BTCUSDT) or unified (BTC/USDT, BTC/USDT:USDT) symbol')
    .requiredOption(
      '--from <time>',
      'first open time, inclusive: ISO 8601 (UTC unless a zone is given) or epoch ms',
    )
    .option('--to <time>', 'end, exclusive (candles opening before it): ISO 8601 or epoch ms (default: now)')
    .option(
      '-i, --interval <interval>',
      'candle interval, e.g. 1m, 1h, 1d [env OHLCV_INTERVAL] (default: 1m)',
    )
    .option(
      '-m, --market <market>',
      'spot, usdm or coinm (aliases: linear, um, swap, perp, inverse, cm) [env OHLCV_MARKET]',
    )
    .option('--include-open', 'also write the still-open last candle (closed: false)')
    .option('-f, --format <format>', 'ndjson or csv (default: from the --out extension, else ndjson)')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .option('--resume', 'continue after the last candle already in --out (same stream required)')
    .option(
      '--store <url>',
      `read through a candle store, fetching only what it lacks (${STORE_OPTION_HELP})`,
    )
    .option('-q, --quiet', 'no progress bar (shown only when stderr is a terminal) and no summary line')
    .option('--testnet', "use the venue's testnet endpoints [env OHLCV_TESTNET]")
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent [env OHLCV_LOG_LEVEL]')
    .addHelpText(
      'after',
      `
Examples:
  ohlcv history binance BTCUSDT --from 2025-01-01 --to 2025-01-04 > btc.ndjson
  ohlcv history binance BTC/USDT:USDT --market usdm --interval 1h --from 2024-01-01 --out btc-1h.csv
  ohlcv history binance BTCUSDT --from 2025-01-01 --out btc.ndjson --resume
  ohlcv history binance BTCUSDT --from 2025-01-01 --to 2025-02-01 --store sqlite:./candles.db
  ohlcv history binance ETHUSD_PERP --market coinm --from 1735689600000 --to 1735776000000 --format csv

The range is half-open by open time: candles with from <= openTime < to, each once, in order.
Only closed candles are written unless --include-open. A range that starts before the venue's history
fails (exit 1) naming the first candle the venue has.
Exit codes: 0 done, 1 runtime failure (unknown symbol, range unavailable, venue errors), 2 bad usage.`,
    )
    .action(async (exchangeInput: string, symbol: string, flags: HistoryFlags) => {
      setExitCode(await historyAction(exchangeInput, symbol, flags, process.env));
    });
}

async function historyAction(
  exchangeInput: string,
  symbol: string,
  flags: HistoryFlags,
  env: Record<string, string | undefined>,
): Promise<number> {
  const venue = readVenueSettings(exchangeInput, flags, env);
  const interval = setting(
    { name: '--interval', value: flags.interval },
    { name: 'OHLCV_INTERVAL', source: env },
    parseIntervalSetting,
    '1m',
  );
  const from = flagValue('--from', flags.from, parseTime);
  if (from === undefined) throw new UsageError('missing --from', 'e.g. --from 2025-01-01');
  const to = flagValue('--to', flags.to, parseTime) ?? Date.now();
  if (from >= to) {
    throw new UsageError(
      `--from ${new Date(from).toISOString()} is not before --to ${new Date(to).toISOString()}`,
      'the range is [from, to) by open time',
    );
  }
  const format =
    flagValue('--format', flags.format, parseFileFormat) ??
    (flags.out ? formatFromExtension(flags.out) : undefined) ??
    'ndjson';
  if (flags.resume && flags.out === undefined)
    throw new UsageError('--resume needs --out FILE', 'e.g. --out btc.ndjson --resume');
  if (flags.store !== undefined && flags.includeOpen)
    throw new UsageError('--include-open cannot be used with --store', 'a store keeps closed candles only');
  return runHistory({
    storeUrl: flags.store === undefined ? undefined : readStoreUrl(flags.store, env),
    exchange: venue.exchange,
    market: marketFor(venue.exchange, venue.market, [symbol]),
    symbol,
    interval,
    from,
    to,
    includeOpen: flags.includeOpen === true,
    format,
    out: flags.out,
    resume: flags.resume === true,
    showProgress: shouldShowProgress(process.stderr, flags.quiet === true),
    showSummary: flags.quiet !== true,
    feedOptions: { endpoints: venue.endpoints, testnet: venue.testnet },
    logger: venue.logger,
  });
}
