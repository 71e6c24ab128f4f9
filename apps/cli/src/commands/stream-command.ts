import { venues } from '@ohlcv/venues';
import type { Command } from 'commander';
import { marketFor } from '../infer-market';
import { LineOutput } from '../output';
import { parseFormat, parseIntervalSetting, parsePositiveInteger, setting } from '../settings';
import { readVenueSettings, type VenueFlags } from '../venue-settings';
import { runStream } from './run-stream';

interface StreamFlags extends VenueFlags {
  interval?: string;
  limit?: string;
  closedOnly?: boolean;
  format?: string;
  stallTimeout?: string;
}

export function registerStreamCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('stream')
    .description('stream live candles from a venue to stdout')
    .argument('<exchange>', venues.describe())
    .argument('<symbol...>', 'native (BTCUSDT, BTC-USDT-SWAP) or unified (BTC/USDT, BTC/USDT:USDT) symbols')
    .option(
      '-m, --market <market>',
      'spot, usdm or coinm (aliases: linear, um, swap, perp, inverse, cm) [env OHLCV_MARKET; default: from the symbols (BTC-USDT-SWAP → usdm), else spot]',
    )
    .option('-i, --interval <interval>', 'candle interval, e.g. 1m, 1h, 1d [env OHLCV_INTERVAL; default: 1m]')
    .option('-n, --limit <count>', 'exit 0 after printing this many candles [env OHLCV_LIMIT]')
    .option('--closed-only', 'print only closed candles')
    .option('-f, --format <format>', 'pretty, ndjson or csv [env OHLCV_FORMAT; default: pretty]')
    .option('--testnet', "use the venue's testnet endpoints [env OHLCV_TESTNET]")
    .option(
      '--stall-timeout <ms>',
      'report a stream stalled after this much silence [env OHLCV_STALL_TIMEOUT_MS]',
    )
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent [env OHLCV_LOG_LEVEL]')
    .addHelpText(
      'after',
      `
Examples:
  ohlcv stream binance BTCUSDT ETHUSDT --interval 1m
  ohlcv stream binance BTCUSDT --market usdm --format ndjson --closed-only --limit 5
  ohlcv stream binance BTC/USD:BTC --market coinm --format csv

Candles go to stdout, logs (JSON) and errors to stderr. Endpoints can be overridden per venue and
market with OHLCV_<EXCHANGE>_<MARKET>_WS_URL and OHLCV_<EXCHANGE>_<MARKET>_REST_URL
(e.g. OHLCV_BINANCE_USDM_WS_URL).
Exit codes: 0 done (limit reached, Ctrl-C, closed pipe), 1 runtime failure (e.g. unknown symbol), 2 bad usage.`,
    )
    .action(async (exchangeInput: string, symbols: string[], flags: StreamFlags) => {
      setExitCode(await streamAction(exchangeInput, symbols, flags, process.env));
    });
}

async function streamAction(
  exchangeInput: string,
  symbols: string[],
  flags: StreamFlags,
  env: Record<string, string | undefined>,
): Promise<number> {
  const venue = readVenueSettings(exchangeInput, flags, env);
  const interval = setting(
    { name: '--interval', value: flags.interval },
    { name: 'OHLCV_INTERVAL', source: env },
    parseIntervalSetting,
    '1m',
  );
  const format = setting(
    { name: '--format', value: flags.format },
    { name: 'OHLCV_FORMAT', source: env },
    parseFormat,
    'pretty',
  );
  const limit = setting(
    { name: '--limit', value: flags.limit },
    { name: 'OHLCV_LIMIT', source: env },
    parsePositiveInteger,
    undefined,
  );
  const stallTimeoutMs = setting(
    { name: '--stall-timeout', value: flags.stallTimeout },
    { name: 'OHLCV_STALL_TIMEOUT_MS', source: env },
    parsePositiveInteger,
    undefined,
  );
  return runStream({
    exchange: venue.exchange,
    market: marketFor(venue.exchange, venue.market, symbols),
    symbols,
    interval,
    limit,
    closedOnly: flags.closedOnly === true,
    format,
    feedOptions: {
      endpoints: venue.endpoints,
      testnet: venue.testnet,
      ...(stallTimeoutMs === undefined ? {} : { stallTimeoutMs }),
    },
    logger: venue.logger,
    output: new LineOutput(process.stdout),
  });
}
