import type { Interval, MarketType } from '@ohlcv/core';
import { CandleGenerator, type CandleGeneratorOptions, hashString } from '../sim/candle-generator';
import { FaultState } from '../sim/faults';
import { type SimConnection, SimServer } from '../sim/sim-server';
import { StreamRegistry } from '../sim/stream-registry';
import { type ClockMode, SimulatorClock } from '../sim/virtual-clock';
import type { VenueSimulator } from '../simulator-types';
import { venueCandle } from './gateio-candle-values';
import type { GateIdleWatch } from './gateio-idle-watch';
import {
  DEFAULT_BTC_CONTRACTS,
  DEFAULT_SPOT_PAIRS,
  DEFAULT_USDT_CONTRACTS,
  type GateFamily,
  type GateInstrument,
  instrumentsOf,
} from './gateio-instruments';
import { encodeFuturesPush, encodeSpotPush } from './gateio-push-encoding';
import { registerGateRest } from './gateio-rest';
import { GateRestLimit } from './gateio-rest-limit';
import { type GateWsContext, type Registry, serveGateSocket } from './gateio-ws';

export interface GateioSimulatorOptions {
  /** Which market `symbols` and `candleAt` describe; every Gate path (spot, usdt, btc) is served regardless. */
  market: MarketType;
  clock?: ClockMode;
  /** Virtual start time (ms). */
  startTime?: number;
  spotPairs?: readonly string[];
  usdtContracts?: readonly string[];
  btcContracts?: readonly string[];
  basePrice?: CandleGeneratorOptions['basePrice'];
  /**
   * Intervals without trades (no candle pushed or served). Default: `GT_USDT` has no trades in about one
   * interval in three; other symbols always trade.
   */
  quiet?: CandleGeneratorOptions['quiet'];
  /**
   * Real ms a socket with no subscription and no client frame lives (Gate ≈30 s); a subscribed socket
   * with no traffic either way lives twice as long.
   */
  idleTimeoutMs?: number;
  /** REST budget per endpoint (Gate: 200 per 10 s, real time). */
  restRateLimit?: { requests: number; windowMs: number };
  /** Points back from now that REST serves (Gate: 10,000). */
  historyDepth?: number;
  /** Virtual ms between open-candle updates: spot 2,000 ("update speed 2000ms"), futures 1,000. */
  spotCadenceMs?: number;
  futuresCadenceMs?: number;
  /** Refuse spot requests whose `time` is further than this from the venue clock (off by default). */
  maxRequestSkewSeconds?: number;
}

const FAMILY_OF: Record<MarketType, GateFamily> = { spot: 'spot', usdm: 'usdt', coinm: 'btc' };

function defaultQuiet(symbol: string, interval: Interval, openTime: number): boolean {
  return symbol === 'GT_USDT' && hashString(`quiet|${interval}|${openTime}`) % 3 === 0;
}

export async function startGateioSimulator(options: GateioSimulatorOptions): Promise<VenueSimulator> {
  const family = FAMILY_OF[options.market];
  if (family === undefined) throw new Error(`gateio simulator: unknown market "${String(options.market)}"`);
  const clock = new SimulatorClock({ clock: options.clock, startTime: options.startTime });
  const generator = new CandleGenerator({
    basePrice: options.basePrice,
    quiet: options.quiet ?? defaultQuiet,
  });
  const volumeDecimals = (symbol: string) => generator.volumeDecimals(symbol);
  const index = (list: GateInstrument[]) => new Map(list.map((instrument) => [instrument.name, instrument]));
  const instruments: Record<GateFamily, ReadonlyMap<string, GateInstrument>> = {
    spot: index(instrumentsOf('spot', options.spotPairs ?? DEFAULT_SPOT_PAIRS, volumeDecimals)),
    usdt: index(instrumentsOf('usdt', options.usdtContracts ?? DEFAULT_USDT_CONTRACTS, volumeDecimals)),
    btc: index(instrumentsOf('btc', options.btcContracts ?? DEFAULT_BTC_CONTRACTS, volumeDecimals)),
  };
  const server = await SimServer.start({ clock });
  clock.addSettler(() => server.flushed());
  const faults = new FaultState({
    dropConnections: () => {
      for (const connection of server.connections) connection.drop();
    },
    // Pushes stop; a re-subscribe is refused (`unknown currency pair`); the listings drop it.
    server,
    forgetSubscriptions: (connection) => {
      for (const registry of Object.values(registries)) registry.removeConnection(connection);
    },
    delist: (symbol) => generator.endTrading(symbol, clock.now()),
  });

  const watches = new WeakMap<SimConnection, GateIdleWatch>();
  const registryFor = (target: GateFamily): Registry =>
    new StreamRegistry<string | undefined>({
      clock,
      generator,
      faults,
      cadenceMs: () =>
        target === 'spot' ? (options.spotCadenceMs ?? 2_000) : (options.futuresCadenceMs ?? 1_000),
      encode: (push) =>
        target === 'spot'
          ? encodeSpotPush(push)
          : encodeFuturesPush(target, push, generator, instruments[target].get(push.stream.symbol)!),
      send: (connection, _topic, encoded) => {
        if (encoded === undefined) return;
        connection.send(encoded);
        watches.get(connection)?.serverData();
      },
      malformed: (push, count) =>
        count % 2 === 0
          ? `{"time":${Math.floor(push.eventTime / 1000)},"channel":"${target === 'spot' ? 'spot' : 'futures'}.candlesticks","event":"update","result":`
          : `{"time":${Math.floor(push.eventTime / 1000)},"channel":"${target === 'spot' ? 'spot' : 'futures'}.candlesticks","event":"update","result":{"t":"x","n":42}}`,
    });
  const registries: Record<GateFamily, Registry> = {
    spot: registryFor('spot'),
    usdt: registryFor('usdt'),
    btc: registryFor('btc'),
  };

  const wsContext: GateWsContext = {
    clock,
    faults,
    registries,
    instruments,
    idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
    watches,
    maxRequestSkewSeconds: options.maxRequestSkewSeconds,
  };
  const paths: Record<string, GateFamily> = {
    '/ws/v4/': 'spot',
    '/ws/v4': 'spot',
    '/v4/ws/usdt': 'usdt',
    '/v4/ws/btc': 'btc',
    // "If you use old server urls (…/v4/ws), we will use BTC contract for you."
    '/v4/ws': 'btc',
  };
  server.ws(
    (url) => url.pathname in paths,
    (connection, url) => serveGateSocket(wsContext, paths[url.pathname]!, connection),
  );

  const rateLimit = options.restRateLimit ?? { requests: 200, windowMs: 10_000 };
  registerGateRest(server, {
    clock,
    generator,
    faults,
    limit: new GateRestLimit(rateLimit.requests, rateLimit.windowMs),
    spot: instruments.spot,
    usdt: instruments.usdt,
    btc: instruments.btc,
    historyDepth: options.historyDepth ?? 10_000,
  });

  const own = instruments[family];
  return {
    exchange: 'gateio',
    market: options.market,
    wsBase: server.wsBase,
    restBase: server.restBase,
    clock,
    faults,
    symbols: [...own.keys()],
    candleAt(symbol, interval, openTime) {
      const instrument = own.get(symbol);
      const state = instrument && generator.final(symbol, interval, openTime);
      return state ? venueCandle(family, options.market, state, instrument) : undefined;
    },
    subscriptionCount: () =>
      registries.spot.subscriptionCount() +
      registries.usdt.subscriptionCount() +
      registries.btc.subscriptionCount(),
    connectionCount: () => server.connectionCount(),
    restInFlight: () => server.restInFlight(),
    restRequestCount: (path) => server.restRequestCount(path),
    async close() {
      clock.stop();
      await server.close();
    },
  };
}
