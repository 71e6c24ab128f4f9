import { venues } from '@ohlcv/venues';
import type { Command } from 'commander';
import { type MarketsFormat, runMarkets } from '../markets/run-markets';
import { LineOutput } from '../output';
import { flagValue } from '../settings';
import { readVenueSettings, type VenueFlags } from '../venue-settings';

interface MarketsFlags extends VenueFlags {
  search?: string;
  format?: string;
}

const MARKETS_FORMATS: readonly MarketsFormat[] = ['table', 'ndjson'];

function parseMarketsFormat(raw: string): MarketsFormat {
  if ((MARKETS_FORMATS as readonly string[]).includes(raw)) return raw as MarketsFormat;
  throw new Error(`unknown format "${raw}": expected one of ${MARKETS_FORMATS.join(', ')}`);
}

export function registerMarketsCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('markets')
    .description("list a venue's instruments: native symbol, unified symbol, base, quote, market, status")
    .argument('<exchange>', venues.describe())
    .option(
      '-m, --market <market>',
      'spot, usdm or coinm (default: every market the venue offers) [env OHLCV_MARKET]',
    )
    .option(
      '-s, --search <text>',
      'only instruments whose symbol, unified symbol, base or quote contains TEXT',
    )
    .option('-f, --format <format>', 'table or ndjson (default: table)')
    .option('--testnet', "use the venue's testnet endpoints [env OHLCV_TESTNET]")
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent [env OHLCV_LOG_LEVEL]')
    .addHelpText(
      'after',
      `
Examples:
  ohlcv markets binance
  ohlcv markets binance --market usdm --search btc
  ohlcv markets binance --market coinm --format ndjson

The unified symbol (BTC/USDT, BTC/USDT:USDT, BTC/USD:BTC) is accepted wherever a symbol is.
Exit codes: 0 done, 1 runtime failure (venue errors), 2 bad usage.`,
    )
    .action(async (exchangeInput: string, flags: MarketsFlags) => {
      setExitCode(await marketsAction(exchangeInput, flags, process.env));
    });
}

async function marketsAction(
  exchangeInput: string,
  flags: MarketsFlags,
  env: Record<string, string | undefined>,
): Promise<number> {
  const venue = readVenueSettings(exchangeInput, flags, env);
  const format = flagValue('--format', flags.format, parseMarketsFormat) ?? 'table';
  return runMarkets({
    exchange: venue.exchange,
    market: venue.market,
    search: flags.search,
    format,
    feedOptions: { endpoints: venue.endpoints, testnet: venue.testnet },
    logger: venue.logger,
    output: new LineOutput(process.stdout),
  });
}
