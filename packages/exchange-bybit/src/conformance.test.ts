import { startBybitSimulator } from '@ohlcv/testkit';
import { runConformanceSuite } from '@ohlcv/testkit/conformance';
import { bybit } from './index';

runConformanceSuite({
  adapter: bybit,
  markets: ['spot', 'usdm', 'coinm'],
  startSimulator: (market, options) =>
    startBybitSimulator({
      market,
      idleTimeoutMs: options.idleTimeoutMs,
      ...(options.pushCadenceMs === undefined ? {} : { cadenceMs: options.pushCadenceMs }),
      ...(options.generousRealTimeLimits ? { ipRateLimit: { requests: 1_000_000, windowMs: 5_000 } } : {}),
    }),
});
