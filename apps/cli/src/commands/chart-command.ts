import { createFeed, endpointOverridesFromEnv, parseStreamKey, type StreamId } from '@ohlcv/core';
import { venues } from '@ohlcv/venues';
import { serverSettings, startWssServer } from '@ohlcv/wss';
import type { Command } from 'commander';
import { Registry } from 'prom-client';
import { startSimulatedVenues } from '../chart/simulated-venues';
import { createLogger } from '../logger';
import { parseLogLevel, parsePositiveInteger, setting } from '../settings';
import { EXIT, UsageError } from '../usage-error';
import { parseExchangeArgument } from '../venue-settings';

interface ChartFlags {
  simulated?: boolean;
  speed?: string;
  host?: string;
  port?: string;
  history?: string;
  logLevel?: string;
}

export function registerChartCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('chart')
    .description("serve a live chart page of streams from a local ohlcv-wss and print the page's URL")
    .argument('<stream...>', 'exchange:market:symbol:interval, e.g. binance:spot:BTCUSDT:1m')
    .option('--simulated', 'chart the built-in simulated venues instead of the real ones (no network needed)')
    .option('--speed <factor>', 'with --simulated: simulated seconds per real second', '10')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--port <port>', 'port of the page and its WebSocket, 0 picks a free one', '0')
    .option('--history <count>', 'closed candles each chart starts with', '300')
    .option('--log-level <level>', 'log level on stderr [env OHLCV_LOG_LEVEL]', 'warn')
    .addHelpText(
      'after',
      `
Starts ohlcv-wss in this process with its chart page, prints the page's URL (open it in a browser)
and runs until Ctrl-C. The page lets you add more charts (exchange, market, symbol, interval).

Examples:
  ohlcv chart binance:spot:BTCUSDT:1m binance:spot:ETHUSDT:1m --simulated
  ohlcv chart okx:usdm:BTC-USDT-SWAP:5m bybit:spot:BTC/USDT:1m

Set OHLCV_WSS_TOKEN to make the page ask for a token. Endpoints can be overridden per venue and market
with OHLCV_<EXCHANGE>_<MARKET>_WS_URL and OHLCV_<EXCHANGE>_<MARKET>_REST_URL.`,
    )
    .action(async (streams: string[], flags: ChartFlags) => {
      setExitCode(await chartAction(streams, flags, process.env));
    });
}

function parseStreamArgument(input: string): StreamId {
  let id: StreamId;
  try {
    id = parseStreamKey(input);
  } catch (error) {
    throw new UsageError(
      `invalid stream "${input}": ${error instanceof Error ? error.message : String(error)}`,
      'write streams as exchange:market:symbol:interval, e.g. binance:spot:BTCUSDT:1m',
    );
  }
  return { ...id, exchange: parseExchangeArgument(id.exchange) };
}

async function chartAction(
  streams: string[],
  flags: ChartFlags,
  env: Record<string, string | undefined>,
): Promise<number> {
  const ids = streams.map(parseStreamArgument);
  const speed = parsePositiveInteger(flags.speed ?? '10');
  const history = parsePositiveInteger(flags.history ?? '300');
  const logLevel = setting(
    { name: '--log-level', value: flags.logLevel },
    { name: 'OHLCV_LOG_LEVEL', source: env },
    parseLogLevel,
    'warn',
  );
  let settings: ReturnType<typeof serverSettings>;
  let endpoints: ReturnType<typeof endpointOverridesFromEnv>;
  try {
    settings = serverSettings({ host: flags.host, port: flags.port, healthPort: '0', ui: true }, env);
    endpoints = endpointOverridesFromEnv(env, venues);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const logger = createLogger(logLevel);
  const simulated = flags.simulated ? await startSimulatedVenues(ids, speed) : undefined;
  const feed = createFeed({
    adapters: venues.adapters,
    endpoints: { ...endpoints, ...simulated?.endpoints },
    logger,
  });
  try {
    const server = await startWssServer({
      feed,
      adapters: venues.adapters,
      registry: new Registry(),
      logger,
      host: settings.host,
      port: settings.port,
      healthPort: 0,
      token: settings.token,
      maxClients: settings.maxClients,
      lingerMs: settings.lingerMs,
      pingIntervalMs: settings.pingIntervalMs,
      limits: settings,
      ui: true,
    });
    const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
    const query = new URLSearchParams({ streams: streams.join(','), history: String(history) });
    if (simulated) {
      process.stderr.write(
        `ohlcv chart: simulated ${simulated.simulators.map((venue) => `${venue.exchange} ${venue.market}`).join(', ')} at ${speed}× speed\n`,
      );
    }
    process.stdout.write(`http://${host}:${server.port}/?${query}\n`);
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    logger.info({ signal }, 'chart server stopping');
    await server.close({ timeoutMs: settings.shutdownTimeoutMs });
    return EXIT.ok;
  } finally {
    await feed.close();
    await simulated?.close();
  }
}
