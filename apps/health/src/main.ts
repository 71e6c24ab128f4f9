import { Command, CommanderError } from 'commander';
import { VENUE_ADAPTERS } from './adapters';
import { canarySettings, SettingError } from './canary-settings';
import { createLogger } from './logger';
import { runCanary } from './run-canary';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Runs `ohlcv-health` until SIGTERM/SIGINT; resolves with the exit code. */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const program = new Command('ohlcv-health')
    .description('Watch candle streams and serve /health, /ready and /metrics about them (a venue canary).')
    .option('--watch <stream>', 'stream to watch, exchange:market:symbol:interval (repeatable)', collect, [])
    .option('--host <host>', 'interface to bind (env OHLCV_HEALTH_HOST)', undefined)
    .option('--port <port>', 'port to bind, 0 picks a free one (env OHLCV_HEALTH_PORT, default 8766)')
    .option(
      '--max-silence-ms <ms>',
      'a stream silent longer than this is not ready (env OHLCV_HEALTH_MAX_SILENCE_MS)',
    )
    .option('--stall-timeout-ms <ms>', "override the venues' stall timeout (env OHLCV_STALL_TIMEOUT_MS)")
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (env OHLCV_LOG_LEVEL)')
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
  try {
    settings = canarySettings(program.opts(), env);
  } catch (error) {
    if (!(error instanceof SettingError)) throw error;
    process.stderr.write(`ohlcv-health: ${error.message}\n`);
    return 2;
  }
  const logger = createLogger(settings.logLevel, 'ohlcv-health');
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
