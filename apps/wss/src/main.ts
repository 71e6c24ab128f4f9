import { addStandardOptions, describeSetting, loadEnvFile } from '@ohlcv/app-settings';
import { redactBusUrl } from '@ohlcv/bus';
import { type CandleStore, createFeed, endpointOverridesFromEnv, type Feed } from '@ohlcv/core';
import { createLogger, createMetricsObserver, registerLegacyMetrics } from '@ohlcv/health';
import { venues } from '@ohlcv/venues';
import { Command, CommanderError } from 'commander';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { busUrlSetting, createBusEdgeFeed } from './bus-edge';
import { legacyEnvironment } from './legacy-env';
import { redactEndpoints } from './redact-endpoints';
import {
  isLoopbackHost,
  SETTING_SPECS,
  type ServerFlags,
  SettingError,
  serverSettings,
} from './server-settings';
import { feedWithStore, STORE_OPTION_HELP, storeUrlOf } from './store-option';
import { VERSION } from './version';
import { startWssServer } from './wss-server';

type Env = Readonly<Record<string, string | undefined>>;

function createProgram(): Command {
  const program = new Command('ohlcv-wss')
    .description('WebSocket fan-out server for normalized OHLCV candles, with /health, /ready and /metrics.')
    .exitOverride()
    .allowExcessArguments(false);
  const describe = (key: keyof typeof SETTING_SPECS, text: string): string =>
    describeSetting(SETTING_SPECS[key], text);
  addStandardOptions(program, VERSION)
    .option('--host <host>', describe('host', 'interface to bind'))
    .option('--port <port>', describe('port', 'WebSocket port, 0 picks a free one'))
    .option(
      '--health-port <port>',
      describe('healthPort', 'extra port for /health /ready /metrics, 0 = none'),
    )
    .option('--log-level <level>', describe('logLevel', 'fatal, error, warn, info, debug, trace or silent'))
    .option(
      '--log-format <format>',
      describe('logFormat', 'auto (readable on a terminal, else JSON), json or pretty'),
    )
    .option('--max-clients <n>', describe('maxClients', 'clients at most'))
    .option(
      '--max-clients-per-address <n>',
      describe('maxClientsPerAddress', 'connections at most from one IP address'),
    )
    .option(
      '--idle-timeout-ms <ms>',
      describe('idleTimeoutMs', 'close a client subscribed to nothing this long, 0 = never'),
    )
    .option('--max-upstreams <n>', describe('maxUpstreams', 'venue streams at most, over all clients'))
    .option(
      '--max-history-joins-per-minute <n>',
      describe('maxHistoryJoinsPerMinute', 'streams subscribed with "history" per client per minute'),
    )
    .option('--max-streams-per-client <n>', describe('maxStreamsPerClient', 'streams per client at most'))
    .option('--max-message-bytes <n>', describe('maxMessageBytes', 'largest client message'))
    .option('--max-ops-per-second <n>', describe('maxOpsPerSecond', 'client messages per second'))
    .option(
      '--max-buffered-bytes <n>',
      describe('maxBufferedBytes', 'bytes a client may fall behind before it is cut off'),
    )
    .option('--store <url>', STORE_OPTION_HELP)
    .option('--max-history <n>', describe('maxHistory', 'largest "history" a subscribe may ask'))
    .option('--linger-ms <ms>', describe('lingerMs', 'keep an upstream this long after its last client left'))
    .option(
      '--ping-interval-ms <ms>',
      describe('pingIntervalMs', 'keep-alive ping period; no pong by the next one = dead'),
    )
    .option('--stall-timeout-ms <ms>', describe('stallTimeoutMs', "override the venues' stall timeout"))
    .option(
      '--shutdown-timeout-ms <ms>',
      describe('shutdownTimeoutMs', 'wait this long for clients on shutdown'),
    )
    .option('--ui', 'serve the chart page at / (env OHLCV_WSS_UI, default on for a loopback --host)')
    .option('--no-ui', 'do not serve the chart page')
    .option(
      '--bus <url>',
      'run as an edge of a bus: redis://host:port[/db] or nats://host:port (env OHLCV_BUS_URL)',
    )
    .option(
      '--legacy-subscribe-timeout-ms <ms>',
      describe(
        'legacySubscribeTimeoutMs',
        'older protocol: close a client that sent no subscribe within this, 0 = off',
      ),
    )
    .option(
      '--legacy-idle-timeout-ms <ms>',
      describe('legacyIdleTimeoutMs', 'older protocol: end a subscription without quotes this long, 0 = off'),
    )
    .option(
      '--legacy-metrics',
      describe('legacyMetrics', "also expose the older connector's connector_* metrics"),
    )
    .option(
      '--allow-unauthenticated-remote',
      'allow a non-loopback --host without OHLCV_WSS_TOKEN (env OHLCV_WSS_ALLOW_UNAUTHENTICATED_REMOTE)',
    )
    .addHelpText(
      'after',
      '\nAuth: set OHLCV_WSS_TOKEN; clients send "Authorization: Bearer <token>" or ?token=<token>.\n' +
        'Venue endpoints: OHLCV_<EXCHANGE>_<MARKET>_WS_URL / _REST_URL (e.g. OHLCV_BINANCE_SPOT_WS_URL).\n' +
        '\nExample:\n  ohlcv-wss --port 8765 --health-port 8766\n' +
        `  echo '{"op":"subscribe","id":"1","streams":["binance:spot:BTCUSDT:1m"]}' | websocat ws://127.0.0.1:8765\n`,
    );
  return program;
}

/** Runs `ohlcv-wss` until SIGTERM/SIGINT; resolves with the exit code (0 after a clean shutdown, 2 for bad settings). */
export async function main(argv: readonly string[], processEnv: Env): Promise<number> {
  const program = createProgram();
  try {
    program.parse([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  let settings: ReturnType<typeof serverSettings>;
  let endpoints: ReturnType<typeof endpointOverridesFromEnv>;
  let envFile: ReturnType<typeof loadEnvFile>;
  let legacy: ReturnType<typeof legacyEnvironment>;
  let storeUrl: string | undefined;
  let busUrl: string | undefined;
  try {
    envFile = loadEnvFile(argv, processEnv);
    legacy = legacyEnvironment(envFile.env);
    const env = legacy.env;
    settings = serverSettings(program.opts<ServerFlags>(), env);
    endpoints = endpointOverridesFromEnv(env, venues);
    storeUrl = storeUrlOf(program.opts().store, env);
    busUrl = busUrlSetting(program.opts(), env);
  } catch (error) {
    process.stderr.write(`ohlcv-wss: ${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof SettingError || (error instanceof Error && 'code' in error)) return 2;
    throw error;
  }
  const logger = createLogger(settings.logLevel, 'ohlcv-wss', { format: settings.logFormat });
  for (const notice of legacy.notices) logger.warn({ setting: notice.split('=')[0] }, notice);
  if (!settings.token && !isLoopbackHost(settings.host)) {
    logger.warn(
      { host: settings.host },
      'NO AUTHENTICATION: listening on a non-loopback host without OHLCV_WSS_TOKEN; anyone who can reach it may subscribe',
    );
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let feed: Feed;
  let store: CandleStore | undefined;
  let server: Awaited<ReturnType<typeof startWssServer>>;
  try {
    feed =
      busUrl === undefined
        ? createFeed({
            adapters: venues.adapters,
            endpoints,
            observer: createMetricsObserver(registry),
            logger,
            ...(settings.stallTimeoutMs === undefined ? {} : { stallTimeoutMs: settings.stallTimeoutMs }),
          })
        : await createBusEdgeFeed({
            url: busUrl,
            adapters: venues.adapters,
            endpoints,
            logger,
            registry,
            retention: Math.max(1_000, settings.maxHistory),
          });
    if (settings.legacyMetrics) registerLegacyMetrics(registry, () => feed.status(), VERSION);
    let served: Feed;
    ({ feed: served, store } = await feedWithStore(feed, storeUrl, logger));
    server = await startWssServer({
      feed: served,
      adapters: venues.adapters,
      registry,
      logger,
      host: settings.host,
      port: settings.port,
      healthPort: settings.healthPort,
      token: settings.token,
      maxClients: settings.maxClients,
      maxClientsPerAddress: settings.maxClientsPerAddress,
      idleTimeoutMs: settings.idleTimeoutMs,
      maxUpstreams: settings.maxUpstreams,
      lingerMs: settings.lingerMs,
      pingIntervalMs: settings.pingIntervalMs,
      limits: settings,
      legacy: {
        subscribeTimeoutMs: settings.legacySubscribeTimeoutMs,
        idleTimeoutMs: settings.legacyIdleTimeoutMs,
      },
      ui: settings.ui ?? isLoopbackHost(settings.host),
    });
  } catch (error) {
    logger.fatal({ err: error instanceof Error ? error.message : String(error) }, 'start-up failed');
    return 1;
  }
  const { token: _token, ...shown } = settings;
  logger.info(
    {
      ...shown,
      auth: settings.token ? 'token' : 'none',
      port: server.port,
      healthPort: server.healthPort ?? null,
      ui: settings.ui ?? isLoopbackHost(settings.host),
      venues: venues.ids,
      endpointOverrides: redactEndpoints(endpoints),
      bus: busUrl === undefined ? null : redactBusUrl(busUrl),
      envFile: envFile.path ?? null,
    },
    'listening',
  );
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ signal, clients: server.clientCount }, 'shutting down');
  const deadline = setTimeout(() => {
    logger.warn({ timeoutMs: settings.shutdownTimeoutMs + 2_000 }, 'shutdown took too long; exiting anyway');
    process.exit(0);
  }, settings.shutdownTimeoutMs + 2_000);
  deadline.unref();
  await server.close({ timeoutMs: settings.shutdownTimeoutMs });
  await feed.close();
  await store?.close();
  logger.info({}, 'stopped');
  return 0;
}
