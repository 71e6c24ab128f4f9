import { startGateioSimulator } from '@ohlcv/testkit';
import { runConformanceSuite } from '@ohlcv/testkit/conformance';
import { gateio } from './index';

runConformanceSuite({
  adapter: gateio,
  markets: ['spot', 'usdm', 'coinm'],
  // Real Gate lists one BTC-settled contract; the suite needs two streams.
  startSimulator: (market, options) =>
    startGateioSimulator({
      market,
      idleTimeoutMs: options.idleTimeoutMs,
      btcContracts: ['BTC_USD', 'ETH_USD'],
      ...(options.quiet ? { quiet: options.quiet } : {}),
      ...(options.pushCadenceMs === undefined
        ? {}
        : { spotCadenceMs: options.pushCadenceMs, futuresCadenceMs: options.pushCadenceMs }),
      ...(options.generousRealTimeLimits ? { restRateLimit: { requests: 1_000_000, windowMs: 10_000 } } : {}),
    }),
});
