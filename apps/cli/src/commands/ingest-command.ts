import { createBus, IngestWorker, withBusStatus } from '@ohlcv/bus';
import { type CandleBus, createFeed, endpointOverridesFromEnv } from '@ohlcv/core';
import { createMetricsObserver, type HealthServer, startHealthServer } from '@ohlcv/health';
import { venues } from '@ohlcv/venues';
import type { Command } from 'commander';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createIngestMetrics } from '../ingest/ingest-metrics';
import { keepAlive } from '../keep-alive';
import { createLogger } from '../logger';
import { parseLogLevel, parsePositiveInteger, setting } from '../settings';
import { EXIT, UsageError } from '../usage-error';

type Env = Record<string, string | undefined>;

interface IngestFlags {
  bus?: string;
  maxStreams?: string;
  healthPort?: string;
  healthHost?: string;
  leaseTtlMs?: string;
  lingerMs?: string;
  workerId?: string;
  logLevel?: string;
}

function parsePort(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value > 65_535) throw new Error(`"${raw}" is not a port (0-65535)`);
  return value;
}

function parseText(raw: string): string {
  if (raw.trim() === '') throw new Error('empty value');
  return raw.trim();
}

export function registerIngestCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('ingest')
    .description('run an ingest worker: serve the streams edges demand on a bus (no client port)')
    .option('--bus <url>', 'redis://host:port[/db] or nats://host:port [env OHLCV_BUS_URL]')
    .option(
      '--max-streams <n>',
      'streams this worker holds at most [env OHLCV_INGEST_MAX_STREAMS, default 500]',
    )
    .option(
      '--health-port <port>',
      'serve /health /ready /metrics on this port, 0 picks a free one [env OHLCV_HEALTH_PORT, default none]',
    )
    .option('--health-host <host>', 'interface of the health port [env OHLCV_HEALTH_HOST, default 127.0.0.1]')
    .option('--lease-ttl-ms <ms>', 'stream lease time to live [env OHLCV_INGEST_LEASE_TTL_MS, default 10000]')
    .option(
      '--linger-ms <ms>',
      'keep an undemanded stream this long [env OHLCV_INGEST_LINGER_MS, default 15000]',
    )
    .option('--worker-id <id>', 'unique name of this worker [env OHLCV_WORKER_ID, default random]')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent [env OHLCV_LOG_LEVEL]')
    .addHelpText(
      'after',
      `
Examples:
  ohlcv ingest --bus redis://127.0.0.1:6379 --max-streams 200 --health-port 9101
  OHLCV_BUS_URL=nats://127.0.0.1:4222 ohlcv ingest

Workers claim the streams edges (ohlcv-wss --bus URL) demand, with leases they renew; a stream of a
worker that died is taken over by another within the lease TTL, without losing or repeating a candle.
Logs (JSON) go to stderr. Venue endpoints: OHLCV_<EXCHANGE>_<MARKET>_WS_URL / _REST_URL.
Exit codes: 0 stopped by SIGTERM/SIGINT, 1 runtime failure (bus unreachable at start), 2 bad usage.`,
    )
    .action(async (flags: IngestFlags) => {
      setExitCode(await ingestAction(flags, process.env));
    });
}

async function ingestAction(flags: IngestFlags, env: Env): Promise<number> {
  const read = <T>(
    flag: string,
    value: string | undefined,
    variable: string,
    parse: (raw: string) => T,
    fallback: T,
  ): T => setting({ name: flag, value }, { name: variable, source: env }, parse, fallback);
  const busUrl = read('--bus', flags.bus, 'OHLCV_BUS_URL', parseText, undefined);
  if (busUrl === undefined) {
    throw new UsageError(
      'ingest needs a bus: pass --bus <url> or set OHLCV_BUS_URL',
      'e.g. --bus redis://127.0.0.1:6379',
    );
  }
  const maxStreams = read(
    '--max-streams',
    flags.maxStreams,
    'OHLCV_INGEST_MAX_STREAMS',
    parsePositiveInteger,
    500,
  );
  const healthPort = read('--health-port', flags.healthPort, 'OHLCV_HEALTH_PORT', parsePort, undefined);
  const healthHost = read('--health-host', flags.healthHost, 'OHLCV_HEALTH_HOST', parseText, '127.0.0.1');
  const leaseTtlMs = read(
    '--lease-ttl-ms',
    flags.leaseTtlMs,
    'OHLCV_INGEST_LEASE_TTL_MS',
    parsePositiveInteger,
    10_000,
  );
  const lingerMs = read(
    '--linger-ms',
    flags.lingerMs,
    'OHLCV_INGEST_LINGER_MS',
    parsePositiveInteger,
    15_000,
  );
  const workerId = read('--worker-id', flags.workerId, 'OHLCV_WORKER_ID', parseText, undefined);
  const logLevel = read('--log-level', flags.logLevel, 'OHLCV_LOG_LEVEL', parseLogLevel, 'info');
  let endpoints: ReturnType<typeof endpointOverridesFromEnv>;
  try {
    endpoints = endpointOverridesFromEnv(env, venues);
  } catch (error) {
    throw new UsageError((error as Error).message, 'fix or unset the environment variable named above');
  }
  const logger = createLogger(logLevel);
  let bus: CandleBus;
  try {
    bus = await createBus(busUrl, { importModule: (name) => import(/* @vite-ignore */ name) });
  } catch (error) {
    process.stderr.write(`ohlcv: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failure;
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const feed = createFeed({
    adapters: venues.adapters,
    endpoints,
    observer: createMetricsObserver(registry),
    logger,
  });
  let worker: IngestWorker | undefined;
  const observer = createIngestMetrics(registry, bus, () => worker?.status() ?? { streams: [] });
  worker = new IngestWorker({
    bus,
    feed,
    maxStreams,
    leaseTtlMs,
    lingerMs,
    logger,
    observer,
    ...(workerId === undefined ? {} : { workerId }),
  });
  let health: HealthServer | undefined;
  if (healthPort !== undefined) {
    health = await startHealthServer({
      host: healthHost,
      port: healthPort,
      status: () => withBusStatus(feed.status(), bus),
      registry,
    });
  }
  const release = keepAlive();
  worker.start();
  logger.info(
    {
      workerId: worker.workerId,
      bus: bus.displayUrl,
      maxStreams,
      leaseTtlMs,
      lingerMs,
      healthPort: health?.port ?? null,
    },
    'ingest worker started',
  );
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ signal, streams: worker.streamCount }, 'ingest worker stopping');
  await worker.stop();
  await feed.close();
  await bus.close();
  await health?.close();
  release();
  logger.info({}, 'ingest worker stopped');
  return EXIT.ok;
}
