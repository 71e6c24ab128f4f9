import { addStandardOptions, describeSetting, loadEnvFile } from '@ohlcv/app-settings';
import { VENUE_ADAPTERS } from '@ohlcv/venues';
import { Command, CommanderError } from 'commander';
import { CANARY_SETTING_SPECS, canarySettings, SettingError } from './canary-settings';
import { createLogger } from './logger';
import { runCanary } from './run-canary';
import { VERSION } from './version';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Runs `ohlcv-health` until SIGTERM/SIGINT; resolves with the exit code. */
export async function main(
  argv: readonly string[],
  processEnv: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const specs = CANARY_SETTING_SPECS;
  const program = addStandardOptions(
    new Command('ohlcv-health').description(
      'Watch candle streams and serve /health, /ready and /metrics about them (a venue canary).',
    ),
    VERSION,
  )
    .option(
      '--watch <stream>',
      'stream to watch, exchange:market:symbol:interval (repeatable; env OHLCV_HEALTH_WATCH, comma-separated)',
      collect,
      [],
    )
    .option('--host <host>', describeSetting(specs.host, 'interface to bind'))
    .option('--port <port>', describeSetting(specs.port, 'port to bind, 0 picks a free one'))
    .option(
      '--max-silence-ms <ms>',
      describeSetting(specs.maxSilenceMs, 'a stream silent longer than this is not ready', 'off'),
    )
    .option(
      '--stall-timeout-ms <ms>',
      describeSetting(specs.stallTimeoutMs, "override the venues' stall timeout", 'per venue'),
    )
    .option(
      '--log-level <level>',
      describeSetting(specs.logLevel, 'fatal, error, warn, info, debug, trace or silent (or WARNING, …)'),
    )
    .option(
      '--log-format <format>',
      describeSetting(specs.logFormat, 'auto (readable on a terminal, else JSON), json or pretty'),
    )
    .exitOverride()
    .addHelpText(
      'after',
      '\nExample:\n  ohlcv-health --watch binance:spot:BTCUSDT:1m --watch binance:usdm:ETHUSDT:1m --port 8766\n',
    );
  try {
    program.parse([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  let settings: ReturnType<typeof canarySettings>;
  let env: Readonly<Record<string, string | undefined>>;
  try {
    env = loadEnvFile(argv, processEnv).env;
    settings = canarySettings(program.opts(), env);
  } catch (error) {
    if (!(error instanceof SettingError)) throw error;
    process.stderr.write(`ohlcv-health: ${error.message}\n`);
    return 2;
  }
  const logger = createLogger(settings.logLevel, 'ohlcv-health', { format: settings.logFormat });
  let canary: Awaited<ReturnType<typeof runCanary>>;
  try {
    canary = await runCanary(settings, { adapters: VENUE_ADAPTERS, env, logger });
  } catch (error) {
    logger.fatal({ err: error instanceof Error ? error.message : String(error) }, 'start-up failed');
    return 2;
  }
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ signal }, 'shutting down');
  await canary.close();
  return 0;
}
