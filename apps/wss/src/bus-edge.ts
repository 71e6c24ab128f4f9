import { BusFeed, createBus } from '@ohlcv/bus';
import { createFeed, type EndpointOverrides, type Logger, type VenueAdapter } from '@ohlcv/core';
import { Gauge, type Registry } from 'prom-client';

type Env = Readonly<Record<string, string | undefined>>;

/** `--bus <url>`, else OHLCV_BUS_URL, else undefined (one process, no bus). */
export function busUrlSetting(flags: { bus?: unknown }, env: Env): string | undefined {
  const flag = typeof flags.bus === 'string' ? flags.bus.trim() : undefined;
  if (flag !== undefined && flag !== '') return flag;
  const fromEnv = env.OHLCV_BUS_URL?.trim();
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

export interface BusEdgeOptions {
  url: string;
  adapters: readonly VenueAdapter[];
  logger: Logger;
  registry: Registry;
  /** Largest history join (the bus retains at least this many closed candles per stream). */
  retention: number;
  /** Venue base-URL overrides, for the instrument lists symbols are checked against (REST only). */
  endpoints?: EndpointOverrides;
}

/**
 * The edge's feed: streams come from the bus (ingest workers publish them), not from venues. /ready
 * fails while the bus is unreachable; /metrics gains `ohlcv_bus_connected` and `ohlcv_bus_followed_streams`.
 */
export async function createBusEdgeFeed(options: BusEdgeOptions): Promise<BusFeed> {
  const bus = await createBus(options.url, {
    retention: options.retention,
    importModule: (name) => import(/* @vite-ignore */ name),
  });
  // Symbols are checked against the venues' instrument lists over REST, so an unknown one is refused
  // as on a single server; this feed never subscribes, so it opens no venue WebSocket.
  const instruments = createFeed({
    adapters: options.adapters,
    endpoints: options.endpoints ?? {},
    logger: options.logger,
  });
  const feed = new BusFeed({
    bus,
    instruments,
    adapters: options.adapters,
    retention: options.retention,
    logger: options.logger,
    ownsBus: true,
  });
  bus.onStatus((status) => {
    if (status.type === 'connected') options.logger.info({ bus: bus.displayUrl }, 'bus connected');
    else options.logger.warn({ bus: bus.displayUrl, err: status.error?.message }, 'bus unreachable');
  });
  new Gauge({
    name: 'ohlcv_bus_connected',
    help: '1 while the bus is reachable, else 0.',
    registers: [options.registry],
    collect() {
      this.set(bus.connected ? 1 : 0);
    },
  });
  new Gauge({
    name: 'ohlcv_bus_followed_streams',
    help: 'Streams this edge follows on the bus.',
    registers: [options.registry],
    collect() {
      this.set(feed.status().streams.filter((stream) => !stream.stream.startsWith('bus ')).length);
    },
  });
  return feed;
}
