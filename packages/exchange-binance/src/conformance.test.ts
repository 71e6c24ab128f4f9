import { startBinanceSimulator } from '@ohlcv/testkit';
import { runConformanceSuite } from '@ohlcv/testkit/conformance';
import { binance } from './binance-adapter';

runConformanceSuite({
  adapter: binance,
  markets: ['spot', 'usdm', 'coinm'],
  startSimulator: (market, options) =>
    startBinanceSimulator({
      market,
      pingIntervalMs: Math.floor(options.idleTimeoutMs / 3),
      pongTimeoutMs: options.idleTimeoutMs,
      ...(options.pushCadenceMs === undefined ? {} : { pushIntervalMs: options.pushCadenceMs }),
      ...(options.generousRealTimeLimits ? { messagesPerSecond: 1_000 } : {}),
    }),
});
