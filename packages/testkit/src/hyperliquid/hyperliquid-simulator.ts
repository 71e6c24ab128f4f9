/**
 * A protocol-faithful Hyperliquid simulator on 127.0.0.1 (written from venues/gateio-hyperliquid.md §2
 * and §3): one `/ws` socket path carrying perps and spot, `POST /info` for candleSnapshot, meta and
 * spotMeta, on virtual time.
 *
 * Candle pushes: the current state of the open candle every `pushCadenceMs` (virtual), without a
 * closed flag; a candle's last update carries its final state and goes out at its boundary (set
 * `finalUpdates: false` to withhold it, as the venue does not guarantee one). A new `t` appears only
 * when a trade occurs: quiet intervals (`quiet`) have no candle at all, live or over REST.
 *
 * Limits per IP (every client is 127.0.0.1): 10 sockets, 30 new sockets per minute, 1000
 * subscriptions, 2000 client messages per minute (all real time), 1200 REST weight per virtual minute.
 * A socket the server sent nothing to for `idleTimeoutMs` (60 s) is dropped (1006, no close frame).
 */
import type { Interval, MarketType } from '@ohlcv/core';
import { CandleGenerator, defaultBasePrice } from '../sim/candle-generator';
import { FaultState } from '../sim/faults';
import { startIdleTimeout } from '../sim/heartbeat';
import { FixedWindowCounter, SlidingWindowLimit } from '../sim/rate-limits';
import { type SimConnection, SimServer } from '../sim/sim-server';
import { StreamRegistry } from '../sim/stream-registry';
import { type ClockMode, SimulatorClock } from '../sim/virtual-clock';
import type { VenueSimulator } from '../simulator-types';
import { candleFrame } from './candle-wire';
import { createInfoHandler } from './info-endpoint';
import {
  CoinDirectory,
  DEFAULT_PERPS,
  DEFAULT_SPOT_PAIRS,
  DEFAULT_SPOT_TOKENS,
  type PerpAsset,
  type SpotPair,
  type SpotToken,
} from './venue-data';
import { handleClientFrame } from './ws-session';

const MINUTE = 60_000;

export interface HyperliquidSimulatorOptions {
  /** The market this simulator reports as `market` / `symbols` (the venue serves both). Default `usdm`. */
  market?: Extract<MarketType, 'usdm' | 'spot'>;
  clock?: ClockMode;
  /** Virtual ms at start. */
  startTime?: number;
  /** Virtual ms between updates of an open candle. Default 1000 (the venue: ~1 per second on BTC). */
  pushCadenceMs?: number;
  /** Intervals without trades: no candle exists. Default: none. */
  quiet?(coin: string, interval: Interval, openTime: number): boolean;
  /** Send each candle's final state as its last update at the boundary. Default true. */
  finalUpdates?: boolean;
  /** Real ms without a server-sent frame before the server drops a socket. Default 60 000. */
  idleTimeoutMs?: number;
  /** Send the old plain-text greeting `Websocket connection established.` on connect. Default false. */
  greeting?: boolean;
  /** Candle slots that exist over REST, counted back from the current one. Default 5000. */
  historyDepth?: number;
  limits?: {
    maxConnections?: number;
    newConnectionsPerMinute?: number;
    maxSubscriptions?: number;
    messagesPerMinute?: number;
    restWeightPerMinute?: number;
  };
  perps?: readonly PerpAsset[];
  spotTokens?: readonly SpotToken[];
  spotPairs?: readonly SpotPair[];
}

export interface HyperliquidSimulator extends VenueSimulator {
  /** Perp coins listed by `meta` (delisted included). */
  readonly perpSymbols: readonly string[];
  /** Spot coins listed by `spotMeta` (`PURR/USDC`, `@N`). */
  readonly spotSymbols: readonly string[];
}

const PRICES: Readonly<Record<string, number>> = { kPEPE: 0.0016, HYPE: 40, HFUN: 12, MATIC: 0.5 };

export async function startHyperliquidSimulator(
  options: HyperliquidSimulatorOptions = {},
): Promise<HyperliquidSimulator> {
  const market = options.market ?? 'usdm';
  const limits = {
    maxConnections: options.limits?.maxConnections ?? 10,
    newConnectionsPerMinute: options.limits?.newConnectionsPerMinute ?? 30,
    maxSubscriptions: options.limits?.maxSubscriptions ?? 1000,
    messagesPerMinute: options.limits?.messagesPerMinute ?? 2000,
    restWeightPerMinute: options.limits?.restWeightPerMinute ?? 1200,
  };
  const idleTimeoutMs = options.idleTimeoutMs ?? MINUTE;
  const finalUpdates = options.finalUpdates ?? true;
  const pushCadenceMs = options.pushCadenceMs ?? 1_000;
  const coins = new CoinDirectory(
    options.perps ?? DEFAULT_PERPS,
    options.spotTokens ?? DEFAULT_SPOT_TOKENS,
    options.spotPairs ?? DEFAULT_SPOT_PAIRS,
  );
  const clock = new SimulatorClock({
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.startTime !== undefined ? { startTime: options.startTime } : {}),
  });
  const generator = new CandleGenerator({
    basePrice: (coin) => {
      const base = coins.baseOf(coin);
      return PRICES[base] ?? defaultBasePrice(base);
    },
    ...(options.quiet ? { quiet: options.quiet } : {}),
  });
  const server = await SimServer.start({ clock });
  clock.addSettler(() => server.flushed());
  const faults = new FaultState({
    dropConnections: () => {
      for (const connection of server.connections) connection.drop();
    },
    server,
    forgetSubscriptions: (connection) => registry.removeConnection(connection),
    // The coin becomes unknown: every socket carrying it is dropped (1006), as a subscribe of an
    // unknown coin is; meta no longer lists it; candleSnapshot keeps its history.
    delist: (coin) => {
      generator.endTrading(coin, clock.now());
      coins.forget(coin);
      const topic = `"coin":${JSON.stringify(coin)}`;
      for (const connection of server.connections) {
        if (registry.topics(connection).some((name) => name.includes(topic))) connection.drop();
      }
    },
  });

  const idle = new Map<SimConnection, { touch(): void }>();
  const send = (connection: SimConnection, text: string): void => {
    idle.get(connection)?.touch();
    connection.send(text);
  };
  const registry = new StreamRegistry<string>({
    clock,
    generator,
    faults,
    cadenceMs: () => pushCadenceMs,
    encode: (push) => candleFrame(push.state),
    send: (connection, _topic, encoded, push) => {
      if (push.final && !finalUpdates) return;
      send(connection, encoded);
    },
    malformed: (push, index) =>
      index % 2 === 0
        ? `{"channel":"candle","data":{"t":${push.state.openTime},"s":`
        : `{"channel":"candle","data":{"t":"${push.state.openTime}","s":${JSON.stringify(push.state.symbol)}}}`,
  });

  const newConnections = new SlidingWindowLimit(limits.newConnectionsPerMinute, MINUTE);
  const messages = new SlidingWindowLimit(limits.messagesPerMinute, MINUTE);
  const context = {
    coins,
    faults,
    registry,
    send,
    subscriptionCount: () => registry.subscriptionCount(),
    maxSubscriptions: limits.maxSubscriptions,
  };

  server.ws(
    (url) => url.pathname === '/ws',
    (connection) => {
      if (!newConnections.hit(Date.now())) {
        connection.close(1008, 'Too many new connections per minute');
        return;
      }
      if (server.connectionCount() > limits.maxConnections) {
        connection.close(1008, 'Too many connections');
        return;
      }
      idle.set(
        connection,
        startIdleTimeout(connection, { timeoutMs: idleTimeoutMs, onIdle: (target) => target.drop() }),
      );
      connection.socket.on('message', (data, isBinary) => {
        if (!messages.hit(Date.now())) {
          connection.close(1008, 'Too many messages');
          return;
        }
        handleClientFrame(context, connection, isBinary ? '' : data.toString());
      });
      connection.socket.once('close', () => {
        idle.delete(connection);
        registry.removeConnection(connection);
      });
      if (options.greeting) send(connection, 'Websocket connection established.');
    },
  );
  server.rest(
    '/info',
    createInfoHandler({
      clock,
      generator,
      faults,
      coins,
      weight: new FixedWindowCounter(MINUTE),
      weightPerMinute: limits.restWeightPerMinute,
      historyDepth: options.historyDepth ?? 5000,
    }),
  );

  return {
    exchange: 'hyperliquid',
    market,
    wsBase: server.wsBase,
    restBase: server.restBase,
    clock,
    faults,
    symbols: market === 'usdm' ? coins.perpNames : coins.spotNames,
    perpSymbols: coins.perpNames,
    spotSymbols: coins.spotNames,
    candleAt(symbol, interval, openTime) {
      if (coins.status(symbol) !== 'live' && !faults.isDelisted(symbol)) return undefined;
      const state = generator.final(symbol, interval, openTime);
      if (!state) return undefined;
      const candle = generator.toCandle(
        state,
        'hyperliquid',
        coins.spotNames.includes(symbol) ? 'spot' : 'usdm',
      );
      // The venue reports no quote volume.
      delete candle.quoteVolume;
      return candle;
    },
    subscriptionCount: () => registry.subscriptionCount(),
    connectionCount: () => server.connectionCount(),
    restInFlight: () => server.restInFlight(),
    restRequestCount: (path) => server.restRequestCount(path),
    async close() {
      clock.stop();
      await server.close();
    },
  };
}
