import type { Candle, MarketType } from '@ohlcv/core';
import {
  CandleGenerator,
  type CandleGeneratorOptions,
  type ClockMode,
  FaultState,
  SimServer,
  SimulatorClock,
  StreamRegistry,
  type VenueSimulator,
} from '@ohlcv/testkit';
import { WS_ID_OF } from './toy-sim-protocol';
import { registerToyRest, toyRow } from './toy-sim-rest';
import { serveToySocket } from './toy-sim-socket';

export interface ToySimulatorOptions {
  /** The toy lists spot only. */
  market?: MarketType;
  /** Default manual. */
  clock?: ClockMode;
  startTime?: number;
  /** Listed symbols (at least two). Default BTC-USD, ETH-USD, SOL-USD. */
  symbols?: readonly string[];
  /** Virtual ms between open-candle pushes. Default 1 000. */
  pushCadenceMs?: number;
  /** Real ms a socket may send nothing before the venue drops it. Default 30 000. */
  idleTimeoutMs?: number;
  /** Refuse requests whose `ts` is further than this from the venue's (virtual) clock. Default off. */
  maxSkewMs?: number;
  quiet?: CandleGeneratorOptions['quiet'];
}

/** A toy venue on 127.0.0.1, built from the testkit's simulator blocks (clock, generator, server, faults, registry). */
export async function startToySimulator(options: ToySimulatorOptions = {}): Promise<VenueSimulator> {
  const market = options.market ?? 'spot';
  if (market !== 'spot') throw new Error(`the toy venue has no ${market} market: it lists spot only`);
  const symbols = options.symbols ?? ['BTC-USD', 'ETH-USD', 'SOL-USD'];
  const clock = new SimulatorClock({ clock: options.clock, startTime: options.startTime });
  const generator = new CandleGenerator(options.quiet ? { quiet: options.quiet } : {});
  const server = await SimServer.start({ clock });
  clock.addSettler(() => server.flushed());
  const faults: FaultState = new FaultState({
    dropConnections: () => {
      for (const connection of server.connections) connection.drop();
    },
    server,
    forgetSubscriptions: (connection) => registry.removeConnection(connection),
    delist: (symbol) => generator.endTrading(symbol, clock.now()),
  });
  const cadenceMs = options.pushCadenceMs ?? 1_000;
  const registry = new StreamRegistry<string>({
    clock,
    generator,
    faults,
    cadenceMs: () => cadenceMs,
    encode: (push) =>
      JSON.stringify({
        topic: `${push.stream.symbol}.${WS_ID_OF.get(push.stream.interval)}`,
        k: toyRow(push.state),
      }),
    send: (connection, _topic, encoded) => connection.send(encoded),
    malformed: (push, index) =>
      index % 2 === 0
        ? `{"topic":"${push.stream.symbol}.1min","k":[`
        : `{"topic":"${push.stream.symbol}.1min","k":"x"}`,
  });
  const maxSkewMs = options.maxSkewMs;
  server.ws(
    (url) => url.pathname === '/stream',
    (connection) =>
      serveToySocket(
        {
          clock,
          faults,
          registry,
          symbols: new Set(symbols),
          idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
          maxSkewMs,
        },
        connection,
      ),
  );
  registerToyRest(server, { clock, generator, faults, symbols, maxSkewMs });
  return {
    exchange: 'toy',
    market,
    wsBase: server.wsBase,
    restBase: server.restBase,
    clock,
    faults,
    symbols,
    candleAt(symbol, interval, openTime): Candle | undefined {
      const state = symbols.includes(symbol) ? generator.final(symbol, interval, openTime) : undefined;
      if (!state) return undefined;
      const { quoteVolume: _quote, trades: _trades, ...candle } = generator.toCandle(state, 'toy', market);
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
