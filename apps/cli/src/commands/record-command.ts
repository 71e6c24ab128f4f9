import { endpointOverridesFromEnv, parseStreamKey, type StreamId } from '@ohlcv/core';
import { venues } from '@ohlcv/venues';
import type { Command } from 'commander';
import { checkVenueInput } from '../check-venue-input';
import { shouldShowProgress } from '../history/history-progress';
import { createLogger } from '../logger';
import { parseTime } from '../parse-time';
import { runRecord } from '../record/run-record';
import { flagValue, parseBoolean, parseLogLevel, setting } from '../settings';
import { UsageError } from '../usage-error';
import { parsePort, readStoreUrl, STORE_OPTION_HELP } from './store-settings';

interface RecordFlags {
  store?: string;
  from?: string;
  healthPort?: string;
  quiet?: boolean;
  testnet?: boolean;
  logLevel?: string;
}

export function registerRecordCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('record')
    .description('keep every closed candle of streams in a store: backfill over REST, then live')
    .argument('<stream...>', 'exchange:market:symbol:interval, e.g. binance:spot:BTCUSDT:1m')
    .option('--store <url>', STORE_OPTION_HELP)
    .option(
      '--from <time>',
      'backfill from this open time (ISO 8601 or epoch ms); default: from the last stored candle',
    )
    .option(
      '--health-port <port>',
      'serve /health, /ready and /metrics on 127.0.0.1:PORT [env OHLCV_HEALTH_PORT]',
    )
    .option('-q, --quiet', 'no progress line (it is shown only when stderr is a terminal)')
    .option('--testnet', "use the venues' testnet endpoints [env OHLCV_TESTNET]")
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent [env OHLCV_LOG_LEVEL]')
    .addHelpText(
      'after',
      `
Examples:
  ohlcv record binance:spot:BTCUSDT:1m binance:usdm:ETHUSDT:1m
  ohlcv record okx:spot:BTC-USDT:1h --from 2024-01-01 --store sqlite:./okx.db
  ohlcv record bybit:usdm:BTCUSDT:1m --store postgres://ohlcv:secret@localhost/candles --health-port 9464

Each closed candle is stored once (an upsert keyed by stream and open time). On start each stream is
backfilled over REST from the last stored candle (or --from) to now, then kept live; a crash or kill
and a restart leave no hole and no duplicate. Runs until Ctrl-C / SIGTERM.
Exit codes: 0 stopped by a signal, 1 runtime failure (store unreachable, every stream failed), 2 bad usage.`,
    )
    .action(async (streams: string[], flags: RecordFlags) => {
      setExitCode(await recordAction(streams, flags, process.env));
    });
}

async function recordAction(
  inputs: string[],
  flags: RecordFlags,
  env: Record<string, string | undefined>,
): Promise<number> {
  const streams = inputs.map(parseStreamArgument);
  const keys = new Set(streams.map((s) => `${s.exchange}:${s.market}:${s.symbol}:${s.interval}`));
  if (keys.size !== streams.length) throw new UsageError('a stream is given twice', 'name each stream once');
  const adapters = [...new Set(streams.map((s) => checkVenueInput(s.exchange, s.market, s.interval)))];
  const logLevel = setting(
    { name: '--log-level', value: flags.logLevel },
    { name: 'OHLCV_LOG_LEVEL', source: env },
    parseLogLevel,
    'info',
  );
  const testnet = setting(
    { name: '--testnet', value: flags.testnet ? 'true' : undefined },
    { name: 'OHLCV_TESTNET', source: env },
    parseBoolean,
    false,
  );
  const healthPort = setting(
    { name: '--health-port', value: flags.healthPort },
    { name: 'OHLCV_HEALTH_PORT', source: env },
    parsePort,
    undefined,
  );
  let endpoints: ReturnType<typeof endpointOverridesFromEnv>;
  try {
    endpoints = endpointOverridesFromEnv(env, venues);
  } catch (error) {
    throw new UsageError((error as Error).message, 'fix or unset the environment variable named above');
  }
  return runRecord({
    streams,
    adapters,
    storeUrl: readStoreUrl(flags.store, env),
    from: flagValue('--from', flags.from, parseTime),
    healthPort,
    showProgress: shouldShowProgress(process.stderr, flags.quiet === true),
    feedOptions: { endpoints, testnet },
    logger: createLogger(logLevel),
  });
}

function parseStreamArgument(input: string): StreamId {
  let id: StreamId;
  try {
    id = parseStreamKey(input);
  } catch (error) {
    throw new UsageError((error as Error).message, 'e.g. binance:spot:BTCUSDT:1m');
  }
  const adapter = venues.get(id.exchange);
  if (!adapter) {
    throw new UsageError(
      `exchange "${id.exchange}" is not available in this build`,
      `in ${input}; exchanges in this build: ${venues.describe()}`,
    );
  }
  return { ...id, exchange: adapter.id };
}
